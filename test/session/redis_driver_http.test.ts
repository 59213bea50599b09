/**
 * The redis driver through real HTTP: the redis_app fixture booted in this process, twice when
 * two app processes must share sessions, and once against a port where no Redis listens.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { testClient, TestClient, type AppClient } from 'adonis-lite/testing'
import { flushLogger } from '../../framework/logger'
import { fixture, TEST_KEY } from '../helpers/apps'
import { freePort } from '../helpers/ports'

const REDIS_URL = 'redis://127.0.0.1:6379'
const PREFIX = `test:${randomBytes(6).toString('hex')}:`
const admin = new Redis(REDIS_URL)

function bootApp (redis: { url: string, prefix: string } = { url: REDIS_URL, prefix: PREFIX }, app: Record<string, unknown> = {}): Promise<AppClient> {
  return testClient(fixture('redis_app'), { config: { session: { driver: 'redis', redis }, app }, env: { APP_KEY: TEST_KEY } })
}

async function put (client: TestClient, key: string, value: unknown): Promise<void> {
  const answer = await client.get(`/put?${new URLSearchParams({ key, value: JSON.stringify(value) })}`)
  expect(answer.status).toBe(200)
}

async function get (client: TestClient, key: string): Promise<unknown> {
  const answer = await client.get(`/get?${new URLSearchParams({ key })}`)
  expect(answer.status).toBe(200)
  return answer.json().value
}

afterAll(async () => {
  const keys = await admin.keys(`${PREFIX}*`)
  if (keys.length > 0) await admin.del(...keys)
  await admin.quit()
})

describe('Session | redis driver over HTTP', () => {
  let app: AppClient
  beforeAll(async () => { app = await bootApp() })
  afterAll(() => app.close())

  it('keeps what one request puts for the next, in one Redis hash per session', async () => {
    const client = app.newClient()
    await put(client, 'user', { id: 7, roles: ['admin'] })
    await put(client, 'visits', 1)
    expect(await get(client, 'user')).toEqual({ id: 7, roles: ['admin'] })
    const { id, values } = (await client.get('/all')).json()
    expect(values).toEqual({ user: { id: 7, roles: ['admin'] }, visits: 1 })
    expect(await admin.hgetall(`${PREFIX}${id}`)).toEqual({ user: '{"id":7,"roles":["admin"]}', visits: '1' })
  })

  it('shares sessions between two app processes on the same Redis', async () => {
    const other = await bootApp()
    try {
      const here = app.newClient()
      const there = new TestClient(other.url, here.jar)
      await put(here, 'cart', ['book'])
      expect(await get(there, 'cart')).toEqual(['book'])
      await Promise.all([put(here, 'a', 1), put(there, 'b', 2)])
      expect((await here.get('/all')).json().values).toEqual({ cart: ['book'], a: 1, b: 2 })
    } finally {
      await other.close()
    }
  })
})

describe('Session | redis driver over HTTP while Redis is down', () => {
  let app: AppClient
  let port: number
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-log-')), 'app.log')

  beforeAll(async () => {
    port = await freePort()
    app = await bootApp({ url: `redis://default:hunter2@127.0.0.1:${port}`, prefix: PREFIX }, { logger: { level: 'warn', destination: logFile } })
  })
  afterAll(async () => {
    await app.close()
    fs.rmSync(path.dirname(logFile), { recursive: true, force: true })
  })

  it('answers 503 in JSON, quickly, to requests that need the store', async () => {
    const started = Date.now()
    const answer = await app.newClient().get('/put?key=user&value=1', { headers: { accept: 'application/json' } })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(answer.status).toBe(503)
    expect(answer.json()).toMatchObject({ status: 503, code: 'E_SESSION_STORE_UNAVAILABLE', message: expect.stringMatching(/try again/) })
    expect(answer.text).not.toContain('hunter2')
  })

  it('logs the Redis URL without its password', async () => {
    await flushLogger(app.app.logger)
    const log = fs.readFileSync(logFile, 'utf8')
    expect(log).toContain(`redis://127.0.0.1:${port}`)
    expect(log).not.toContain('hunter2')
  })

  it('lets a visitor without a session cookie read the empty session without asking Redis', async () => {
    expect(await get(app.newClient(), 'user')).toBeNull()
  })

  it('serves requests that never touch the session', async () => {
    const answer = await app.newClient().get('/plain')
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('plain')
  })
})
