/**
 * AdonisJs 3's http.allowMethodSpoofing (src/Server and server.spec.js): with it off, _method is
 * not the verb, and the first request that sends one logs a warning naming the setting.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { flushLogger } from '../../framework/logger'
import { fixture } from '../helpers/apps'

describe('Routing | v3 method spoofing setting', () => {
  let client: AppClient
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-log-')), 'app.log')
  const warnings = async (): Promise<string[]> => {
    await flushLogger(client.app.logger)
    return (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '').split('\n').filter((line) => line.includes('_method'))
  }
  beforeAll(async () => {
    client = await testClient(fixture('routes_app'), {
      config: { app: { http: { allowMethodSpoofing: false }, logger: { level: 'warn', destination: logFile } } },
    })
  })
  afterAll(async () => {
    await client.close()
    fs.rmSync(path.dirname(logFile), { recursive: true, force: true })
  })

  it('says nothing of a POST without _method (run first: the warning is said once per process)', async () => {
    expect((await client.post('/things/1', { name: 'x' })).json().action).toBe('post')
    expect(await warnings()).toEqual([])
  })

  it('v3: with http.allowMethodSpoofing off, a POST with _method stays a POST, and a warning names the setting once per process', async () => {
    expect((await client.post('/things/1', { _method: 'PUT' })).json().action).toBe('post')
    expect((await client.post('/things/1?_method=PUT')).json().action).toBe('post')
    const said = await warnings()
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/POST \/things\/1 sent _method, but method spoofing is off.*set http\.allowMethodSpoofing to true in config\/app\.ts/)
  })
})

describe('Routing | v3 method spoofing on', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('routes_app')) })
  afterAll(() => client.close())

  it('v3: with http.allowMethodSpoofing on (the default), a POST with _method=PUT reaches the PUT route', async () => {
    expect((await client.post('/things/1', { _method: 'PUT' })).json().action).toBe('put')
  })

  it('refuses a setting that is not true or false', async () => {
    await expect(testClient(fixture('routes_app'), { config: { app: { http: { allowMethodSpoofing: 'yes' } } } }))
      .rejects.toMatchObject({ code: 'E_INVALID_CONFIG', message: expect.stringContaining('http.allowMethodSpoofing must be true or false') })
  })
})
