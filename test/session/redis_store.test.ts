/**
 * The redis session store against real Redis servers: the one on 127.0.0.1:6379, and one this
 * file starts and kills itself to see the store through an outage.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { Redis } from 'ioredis'
import { sessionDrivers } from '../../framework/session/drivers'
import { SESSION_DEFAULTS } from '../../framework/session/session_config'
import { RedisStore } from '../../framework/session/stores/redis_store'
import type { CookieCarrier, DriverContext, SessionConfig, SessionData, SessionStore } from '../../framework/session/types'
import { freePort } from '../helpers/ports'

const REDIS_URL = 'redis://127.0.0.1:6379'
const PREFIX = `test:${randomBytes(6).toString('hex')}:`
const noCookies: CookieCarrier = { get: () => undefined, set: () => {}, clear: () => {} }

const admin = new Redis(REDIS_URL)
const stores: RedisStore[] = []

interface Logged { warn: string[], error: string[] }

function driverContext (logged: Logged = { warn: [], error: [] }): DriverContext {
  return {
    root: __dirname,
    encrypt: (plaintext) => plaintext,
    decrypt: (token) => token,
    log: { warn: (message) => logged.warn.push(message), error: (message) => logged.error.push(message) },
  }
}

function config (redis: Partial<SessionConfig['redis']> = {}, age = 5): SessionConfig {
  return { ...SESSION_DEFAULTS, driver: 'redis', age, redis: { url: REDIS_URL, prefix: PREFIX, ...redis } }
}

/** A store the suite closes at the end, seen through the store contract as sessions see it. */
function newStore (redis: Partial<SessionConfig['redis']> = {}, age = 5, logged?: Logged): SessionStore {
  const store = new RedisStore(config(redis, age), driverContext(logged))
  stores.push(store)
  return store
}

let counter = 0
function newId (): string {
  return `${randomBytes(8).toString('hex')}${++counter}`
}

async function write (store: SessionStore, id: string, values: SessionData, changes: Map<string, unknown> | null): Promise<void> {
  await store.write(id, { values, changes }, noCookies)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves with how long the promise took to settle, and how it settled. */
async function timed (promise: unknown): Promise<{ ms: number, error: unknown }> {
  const start = Date.now()
  try {
    await promise
    return { ms: Date.now() - start, error: null }
  } catch (error) {
    return { ms: Date.now() - start, error }
  }
}

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()))
  const keys = await admin.keys(`${PREFIX}*`)
  if (keys.length > 0) await admin.del(...keys)
  await admin.quit()
})

describe('Session | redis store', () => {
  it('answers null for an id it does not know', async () => {
    expect(await newStore().read(newId(), noCookies)).toBeNull()
  })

  it('writes nothing for a commit of some keys once another process has destroyed the session', async () => {
    // Two stores, as two app processes: one signs out while the other's request is in flight.
    const inFlight = newStore()
    const signingOut = newStore()
    const id = newId()
    await write(signingOut, id, { userId: 7, _csrfSecret: 'secret' }, null)
    const read = await inFlight.read(id, noCookies)
    expect(read).toEqual({ userId: 7, _csrfSecret: 'secret' })
    await signingOut.destroy(id, noCookies)
    await write(inFlight, id, { ...read, lastSeen: 1 }, new Map([['lastSeen', 1]]))
    expect(await admin.exists(`${PREFIX}${id}`)).toBe(0)
    expect(await signingOut.read(id, noCookies)).toBeNull()
  })

  it('gives values back with their types', async () => {
    const store = newStore()
    const id = newId()
    const values = {
      text: 'hello',
      empty: '',
      numeric: '42',
      number: 42,
      float: -1.5,
      yes: true,
      no: false,
      nothing: null,
      list: [1, 'two', null, [3], { four: 4 }],
      nested: { deep: { deeper: ['x'] }, zero: 0 },
      unicode: 'héllo ✓ 🎉',
    }
    await write(store, id, values, null)
    expect(await store.read(id, noCookies)).toEqual(values)
  })

  it('keeps a session as one hash with one JSON field per top-level key, under the prefix', async () => {
    const store = newStore()
    const id = newId()
    await write(store, id, { user: { id: 7 }, count: 1 }, null)
    expect(await admin.type(`${PREFIX}${id}`)).toBe('hash')
    expect(await admin.hgetall(`${PREFIX}${id}`)).toEqual({ user: '{"id":7}', count: '1' })
  })

  it('writes only the changed keys of a commit, and removes the forgotten ones', async () => {
    const store = newStore()
    const id = newId()
    await write(store, id, { a: 1, b: 2, c: 3 }, null)
    await admin.hset(`${PREFIX}${id}`, 'other', '"from another process"')
    await write(store, id, { a: 10, c: 3 }, new Map<string, unknown>([['a', 10], ['b', undefined]]))
    expect(await store.read(id, noCookies)).toEqual({ a: 10, c: 3, other: 'from another process' })
  })

  it('replaces the whole session when a commit has no list of changes', async () => {
    const store = newStore()
    const id = newId()
    await write(store, id, { a: 1, b: 2 }, null)
    await write(store, id, { c: 3 }, null)
    expect(await store.read(id, noCookies)).toEqual({ c: 3 })
  })

  it('keeps both changes of two concurrent requests that change different keys', async () => {
    const [first, second] = [newStore(), newStore()]
    const id = newId()
    await write(first, id, { cart: [], visits: 0 }, null)
    const [seenByFirst, seenBySecond] = await Promise.all([first.read(id, noCookies), second.read(id, noCookies)])
    await Promise.all([
      write(first, id, { ...seenByFirst, cart: ['book'] }, new Map([['cart', ['book']]])),
      write(second, id, { ...seenBySecond, visits: 1 }, new Map([['visits', 1]])),
    ])
    expect(await first.read(id, noCookies)).toEqual({ cart: ['book'], visits: 1 })
  })

  it('writes and removes sessions of many thousand top-level keys in one commit', async () => {
    const store = newStore()
    const id = newId()
    const values = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`key${index}`, index]))
    await write(store, id, values, null)
    expect(await store.read(id, noCookies)).toEqual(values)
    const removed = new Map(Object.keys(values).slice(0, 9_999).map((key) => [key, undefined]))
    await write(store, id, { key9999: 9999 }, removed)
    expect(await store.read(id, noCookies)).toEqual({ key9999: 9999 })
  })

  it('lets the last commit win when two requests change the same key', async () => {
    const store = newStore()
    const id = newId()
    await write(store, id, { step: 1 }, null)
    await write(store, id, { step: 2 }, new Map([['step', 2]]))
    await write(store, id, { step: 3 }, new Map([['step', 3]]))
    expect(await store.read(id, noCookies)).toEqual({ step: 3 })
  })

  it('leaves no session once its last key is forgotten', async () => {
    const store = newStore()
    const id = newId()
    await write(store, id, { only: true }, null)
    await write(store, id, {}, new Map([['only', undefined]]))
    expect(await admin.exists(`${PREFIX}${id}`)).toBe(0)
    expect(await store.read(id, noCookies)).toBeNull()
  })

  it('writes nothing for changes to a session that was destroyed, flushed or expired since it was read', async () => {
    const store = newStore()
    const id = newId()
    await write(store, id, { user: 7, cart: [] }, null)
    const seen = await store.read(id, noCookies)
    await store.destroy(id, noCookies) // another request signed out, or regenerated the id
    await write(store, id, { ...seen, cart: ['book'] }, new Map([['cart', ['book']]]))
    expect(await admin.exists(`${PREFIX}${id}`)).toBe(0)
    expect(await store.read(id, noCookies)).toBeNull()
    // A whole new session (no list of changes) is written as before.
    await write(store, id, { fresh: true }, null)
    expect(await store.read(id, noCookies)).toEqual({ fresh: true })
  })

  it('deletes the session on destroy', async () => {
    const store = newStore()
    const id = newId()
    await write(store, id, { a: 1 }, null)
    await store.destroy(id, noCookies)
    expect(await admin.exists(`${PREFIX}${id}`)).toBe(0)
    expect(await store.read(id, noCookies)).toBeNull()
  })

  it('gives a session a TTL of age, which writes restart and reads leave alone', async () => {
    const store = newStore({}, 0.02) // 1.2 s
    const id = newId()
    await write(store, id, { a: 1 }, null)
    expect(await admin.pttl(`${PREFIX}${id}`)).toBeGreaterThan(1000)
    await sleep(500)
    expect(await admin.pttl(`${PREFIX}${id}`)).toBeLessThan(800)
    expect(await store.read(id, noCookies)).toEqual({ a: 1 })
    expect(await admin.pttl(`${PREFIX}${id}`)).toBeLessThan(800)
    await write(store, id, { a: 2 }, new Map([['a', 2]]))
    expect(await admin.pttl(`${PREFIX}${id}`)).toBeGreaterThan(1000)
  })

  it('forgets a session that is not used for age minutes', async () => {
    const store = newStore({}, 0.01) // 600 ms
    const id = newId()
    await write(store, id, { a: 1 }, null)
    await sleep(800)
    expect(await store.read(id, noCookies)).toBeNull()
  })

  it('restarts the TTL on touch', async () => {
    const store = newStore({}, 0.02)
    const id = newId()
    await write(store, id, { a: 1 }, null)
    await sleep(400)
    await store.touch(id, { a: 1 }, noCookies)
    expect(await admin.pttl(`${PREFIX}${id}`)).toBeGreaterThan(1000)
  })

  it('ignores a stored field that is not JSON, with a warning naming the key', async () => {
    const logged: Logged = { warn: [], error: [] }
    const store = newStore({}, 5, logged)
    const id = newId()
    await admin.hset(`${PREFIX}${id}`, { good: '"yes"', bad: 'not json' })
    expect(await store.read(id, noCookies)).toEqual({ good: 'yes' })
    expect(logged.warn.join('\n')).toMatch(/'bad'/)
  })

  it('is the redis driver of the registry', async () => {
    const store = sessionDrivers.get('redis')!(config(), driverContext())
    expect(store).toBeInstanceOf(RedisStore)
    await store.close!()
  })

  it('closes its connection', async () => {
    const store: SessionStore = new RedisStore(config(), driverContext())
    const id = newId()
    await write(store, id, { a: 1 }, null)
    await store.close!()
    await expect(store.read(id, noCookies)).rejects.toMatchObject({ code: 'E_SESSION_STORE_UNAVAILABLE' })
  })
})

describe('Session | redis store config', () => {
  it.each([
    ['http://127.0.0.1:6379', /must start with redis:\/\/ or rediss:\/\//],
    ['127.0.0.1:6379', /is not a URL|must start with redis:\/\//],
    ['localhost:6379', /must start with redis:\/\//],
    ['redis://127.0.0.1:99999', /is not a URL/],
    ['redis://127.0.0.1:port', /is not a URL/],
    ['redis://127.0.0.1:0', /port 0/],
    ['redis://', /no host/],
    ['redis://127.0.0.1:6379/sessions', /database number/],
  ])('refuses redis.url %s at boot, naming config/session.js and the key', (url, problem) => {
    const build = () => new RedisStore(config({ url }), driverContext())
    expect(build).toThrow(problem)
    expect(build).toThrow(/^config\/session\.js: redis\.url /)
    expect(build).toThrow(expect.objectContaining({ name: 'BootError', code: 'E_INVALID_REDIS_URL' }))
  })

  it('never repeats the password of a malformed URL', () => {
    expect(() => new RedisStore(config({ url: 'redis://user:hunter2@127.0.0.1:0' }), driverContext()))
      .toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }))
  })

  it('accepts redis:// and rediss:// URLs with credentials and a database', async () => {
    for (const url of ['redis://127.0.0.1:6379/0', 'redis://127.0.0.1', 'redis://:pw@127.0.0.1:6379', 'rediss://user:pw@127.0.0.1:6380/2']) {
      const store = new RedisStore(config({ url }), driverContext())
      expect(store.location).not.toMatch(/pw/)
      await store.close()
    }
  })
})

describe('Session | redis store when Redis goes down', () => {
  let port: number
  let server: ChildProcess | null = null

  beforeAll(async () => {
    port = await freePort()
    server = await startRedis(port)
  })

  afterAll(async () => {
    await stopRedis(server)
  })

  it('answers 503 quickly while Redis is down, and recovers by itself when it is back', async () => {
    const logged: Logged = { warn: [], error: [] }
    const store = newStore({ url: `redis://default:s3cret@127.0.0.1:${port}` }, 5, logged)
    const id = newId()
    await write(store, id, { a: 1 }, null)
    expect(await store.read(id, noCookies)).toEqual({ a: 1 })

    await stopRedis(server)
    server = null
    for (const call of [() => store.read(id, noCookies), () => write(store, id, { a: 2 }, new Map([['a', 2]])),
      () => store.destroy(id, noCookies), () => store.touch(newId(), {}, noCookies), () => store.read(id, noCookies)]) {
      const { ms, error } = await timed(call())
      expect(error).toMatchObject({ code: 'E_SESSION_STORE_UNAVAILABLE', status: 503, expose: true })
      expect(ms).toBeLessThan(2000)
      const cause = String((error as Error).cause)
      expect(cause).toContain(`redis://127.0.0.1:${port}`)
      expect(cause).not.toContain('s3cret')
    }
    await sleep(300) // a few reconnect attempts, which must not be logged again
    expect(logged.error).toHaveLength(1)
    expect(logged.error[0]).toContain(`redis://127.0.0.1:${port}`)
    expect(logged.error[0]).not.toContain('s3cret')

    server = await startRedis(port)
    const recovered = await eventually(() => store.read(id, noCookies), 5000)
    expect(recovered).toBeNull() // this Redis keeps nothing across restarts
    await write(store, id, { b: true }, null)
    expect(await store.read(id, noCookies)).toEqual({ b: true })
    expect(logged.warn.join('\n')).toContain('reachable again')
  })

  it('answers 503 within the command timeout when Redis stops answering', async () => {
    server ??= await startRedis(port)
    const store = newStore({ url: `redis://default:s3cret@127.0.0.1:${port}` })
    const id = newId()
    await write(store, id, { a: 1 }, null)
    server.kill('SIGSTOP')
    try {
      const { ms, error } = await timed(store.read(id, noCookies))
      expect(error).toMatchObject({ code: 'E_SESSION_STORE_UNAVAILABLE' })
      expect(ms).toBeLessThan(2000)
    } finally {
      server.kill('SIGCONT')
    }
    expect(await store.read(id, noCookies)).toEqual({ a: 1 })
  })

  it('does not throw at construction when Redis is unreachable, and fails requests fast', async () => {
    const deadPort = await freePort()
    const logged: Logged = { warn: [], error: [] }
    const store = newStore({ url: `redis://u:pass@127.0.0.1:${deadPort}` }, 5, logged)
    const { ms, error } = await timed(store.read(newId(), noCookies))
    expect(error).toMatchObject({ code: 'E_SESSION_STORE_UNAVAILABLE' })
    expect(ms).toBeLessThan(2000)
    await eventually(async () => { if (logged.error.length === 0) throw new Error('nothing logged yet') }, 2000)
    expect(logged.error[0]).toContain(`redis://127.0.0.1:${deadPort}`)
    expect(logged.error[0]).not.toContain('pass@')
  })

  it('closes without hanging while Redis is down', async () => {
    const store = new RedisStore(config({ url: `redis://127.0.0.1:${await freePort()}` }), driverContext())
    await sleep(50)
    const { ms } = await timed(store.close())
    expect(ms).toBeLessThan(1000)
  })
})

/** Retries fn until it resolves, for at most ms. */
async function eventually<T> (fn: () => T | Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      return await fn()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(100)
    }
  }
}

/** Starts a throwaway redis-server (password s3cret) and resolves once it accepts connections (5 s at most). */
async function startRedis (port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no',
    '--requirepass', 's3cret'],
  { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}:\n${output}`)), 5000)
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code}:\n${output}`))
    })
  })
  try {
    await ready
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return child
}

async function stopRedis (child: ChildProcess | null): Promise<void> {
  if (child === null || child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGKILL')
  await exited
}
