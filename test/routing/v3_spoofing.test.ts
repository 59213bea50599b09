/**
 * AdonisJs 3's http.allowMethodSpoofing (src/Server and server.spec.js): with it off, _method is
 * not the verb, and the first request that sends one logs a warning naming the setting.
 */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'

describe('Routing | v3 method spoofing setting', () => {
  let client: AppClient
  let warnings: string[]
  let spy: jest.SpyInstance
  beforeAll(async () => {
    client = await testClient(fixture('routes_app'), { config: { app: { http: { allowMethodSpoofing: false } } } })
  })
  beforeEach(() => {
    warnings = []
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      warnings.push(String(chunk))
      return true
    })
  })
  afterEach(() => spy.mockRestore())
  afterAll(() => client.close())

  it('says nothing of a POST without _method (run first: the warning is said once per process)', async () => {
    expect((await client.post('/things/1', { name: 'x' })).json().action).toBe('post')
    expect(warnings.filter((line) => line.includes('_method'))).toEqual([])
  })

  it('v3: with http.allowMethodSpoofing off, a POST with _method stays a POST, and a warning names the setting once per process', async () => {
    expect((await client.post('/things/1', { _method: 'PUT' })).json().action).toBe('post')
    expect((await client.post('/things/1?_method=PUT')).json().action).toBe('post')
    const said = warnings.filter((line) => line.includes('_method'))
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/warn: POST \/things\/1 sent _method, but method spoofing is off.*set http\.allowMethodSpoofing to true in config\/app\.ts/)
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
