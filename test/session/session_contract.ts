/**
 * The session behaviour every driver must have, driven over real HTTP with a cookie jar
 * against the session_app fixture. Each driver's test file runs it.
 */
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'

export const SESSION_COOKIE = 'adonis-session'

export interface DriverSetup {
  driver: string
  /** Extra session config for the driver (a temp folder, a Redis prefix...). */
  config?: () => Record<string, unknown>
  /** Whether two concurrent requests changing different keys keep both (not the cookie driver). */
  mergesConcurrentChanges: boolean
}

const query = (params: Record<string, unknown>) =>
  new URLSearchParams(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]))).toString()

export async function put (client: TestClient, key: string, value: unknown): Promise<void> {
  const answer = await client.get(`/t/put?${query({ key, value: JSON.stringify(value) })}`)
  if (answer.status !== 200) throw new Error(`put ${key}: ${answer.status} ${answer.text.slice(0, 300)}`)
}

export async function get (client: TestClient, key: string, fallback?: unknown): Promise<unknown> {
  const params = fallback === undefined ? { key } : { key, default: JSON.stringify(fallback) }
  const answer = await client.get(`/t/get?${query(params)}`)
  if (answer.status !== 200) throw new Error(`get ${key}: ${answer.status} ${answer.text.slice(0, 300)}`)
  return answer.json().value
}

export async function bootSessionApp (setup: DriverSetup, session: Record<string, unknown> = {}): Promise<AppClient> {
  return testClient(fixture('session_app'), { config: { session: { driver: setup.driver, ...setup.config?.(), ...session } } })
}

export function sessionContract (setup: DriverSetup): void {
  describe(`Session | ${setup.driver} driver`, () => {
    let app: AppClient
    beforeAll(async () => { app = await bootSessionApp(setup) })
    afterAll(() => app.close())
    const client = () => app.newClient()

    it('reads back on the next request what put() stored', async () => {
      const c = client()
      await put(c, 'username', 'doe')
      expect(await get(c, 'username')).toBe('doe')
    })

    it('keeps the JSON types of values', async () => {
      const c = client()
      const values = { count: 42, ratio: 1.5, enabled: false, nothing: null, empty: '', list: [1, 'two', { three: 3 }], nested: { a: { b: [true, null] } } }
      for (const [key, value] of Object.entries(values)) await put(c, key, value)
      for (const [key, value] of Object.entries(values)) expect(await get(c, key)).toEqual(value)
    })

    it('stores every key of put(object)', async () => {
      const c = client()
      await c.get(`/t/put-object?${query({ values: JSON.stringify({ username: 'doe', age: 30 }) })}`)
      expect(await get(c, 'username')).toBe('doe')
      expect(await get(c, 'age')).toBe(30)
    })

    it('reads and writes nested values by dotted keys', async () => {
      const c = client()
      await put(c, 'profile.name', 'Ann')
      await put(c, 'profile.city', 'Lyon')
      expect(await get(c, 'profile')).toEqual({ name: 'Ann', city: 'Lyon' })
      expect(await get(c, 'profile.city')).toBe('Lyon')
      await c.get('/t/forget?key=profile.name')
      expect(await get(c, 'profile')).toEqual({ city: 'Lyon' })
    })

    it('gives the default only for a missing key, and null without one', async () => {
      const c = client()
      await put(c, 'zero', 0)
      expect(await get(c, 'missing', 'fallback')).toBe('fallback')
      expect(await get(c, 'zero', 5)).toBe(0)
      expect(await get(c, 'missing')).toBeNull()
    })

    it('tells with has() whether a key is stored', async () => {
      const c = client()
      await put(c, 'present', false)
      expect((await c.get('/t/has?key=present')).json()).toEqual({ has: true })
      expect((await c.get('/t/has?key=absent')).json()).toEqual({ has: false })
    })

    it('returns every value from all(), as a copy', async () => {
      const c = client()
      await put(c, 'a', 1)
      await put(c, 'list', ['x'])
      expect((await c.get('/t/all')).json()).toEqual({ a: 1, list: ['x'] })
      expect((await c.get('/t/mutate-copy')).json()).toEqual({ list: ['x'] })
      expect(await get(c, 'list')).toEqual(['x'])
    })

    it('removes one key with forget()', async () => {
      const c = client()
      await put(c, 'name', 'doe')
      await put(c, 'keep', 'me')
      await c.get('/t/forget?key=name')
      expect(await get(c, 'name')).toBeNull()
      expect(await get(c, 'keep')).toBe('me')
    })

    it('returns a value once with pull(), then the default', async () => {
      const c = client()
      await put(c, 'token', 'abc')
      expect((await c.get('/t/pull?key=token')).json().value).toBe('abc')
      expect((await c.get('/t/pull?key=token')).json().value).toBeNull()
      expect((await c.get(`/t/pull?${query({ key: 'token', default: '"gone"' })}`)).json().value).toBe('gone')
    })

    it('removes every value with flush(), and the cookie with them', async () => {
      const c = client()
      await put(c, 'a', 1)
      await put(c, 'b', 2)
      const flushed = await c.get('/t/flush')
      expect(flushed.cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.expiresAt).toBeLessThanOrEqual(Date.now())
      expect((await c.get('/t/all')).json()).toEqual({})
    })

    it('starts over after flush() when new values are put', async () => {
      const c = client()
      await put(c, 'old', 1)
      await c.get('/t/flush-then-put')
      expect((await c.get('/t/all')).json()).toEqual({ fresh: true })
    })

    it('gives a new id with regenerate(), keeping the values and dropping the old id', async () => {
      const c = client()
      await put(c, 'userId', 7)
      const before = c.jar.get(SESSION_COOKIE)!.value
      const ids = (await c.get('/t/regenerate')).json()
      expect(ids.before).not.toBeNull()
      expect(ids.after).not.toBe(ids.before)
      expect(c.jar.get(SESSION_COOKIE)!.value).not.toBe(before)
      expect(await get(c, 'userId')).toBe(7)

      // The old cookie no longer opens a session.
      const attacker = client()
      attacker.jar.set(SESSION_COOKIE, before)
      for (const cookie of c.jar.all()) if (cookie.name !== SESSION_COOKIE) attacker.jar.set(cookie.name, cookie.value)
      if (setup.driver !== 'cookie') expect(await get(attacker, 'userId')).toBeNull()
    })

    it('uses ids of at least 128 random bits, signed in an HttpOnly cookie', async () => {
      const c = client()
      await put(c, 'a', 1)
      const cookie = c.jar.get(SESSION_COOKIE)!
      const id = cookie.value.slice(0, cookie.value.lastIndexOf('.'))
      expect(Buffer.from(id, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
      expect(cookie.value.length).toBeGreaterThan(id.length + 20)
      expect(cookie.httpOnly).toBe(true)
      expect(cookie.sameSite).toBe('Lax')
      expect(cookie.path).toBe('/')
      expect(cookie.raw).toMatch(/Max-Age=7200/)
      expect(cookie.raw).toMatch(/Expires=/)
    })

    it('never lets a change of one request show through the same cookie sent again', async () => {
      const c = client()
      await put(c, 'profile', { name: 'Ann' })
      await get(c, 'profile') // the store may now hand this cookie's values to every request
      const replay = c.clone()
      await put(c, 'profile.name', 'Bob')
      await c.get('/t/forget?key=profile')
      if (setup.driver === 'cookie') expect(await get(replay, 'profile')).toEqual({ name: 'Ann' })
      else expect(await get(replay, 'profile')).toBeNull()
    })

    it('resends no cookie and writes nothing for reads soon after the last write', async () => {
      const c = client()
      await put(c, 'a', 1)
      const read = await c.get('/t/get?key=a')
      expect(read.json().value).toBe(1)
      expect(read.cookies).toEqual([])
    })

    it('sets no cookie and keeps no session for requests that never touch it', async () => {
      const c = client()
      const answer = await c.get('/plain')
      expect(answer.cookies).toEqual([])
      const cart = await c.get('/cart')
      expect(cart.status).toBe(200)
      expect(cart.cookies).toEqual([])
    })

    it('gives a fresh, empty session for a tampered or forged cookie', async () => {
      const c = client()
      await put(c, 'secret', 'mine')
      const value = c.jar.get(SESSION_COOKIE)!.value
      const tampered = c.clone()
      tampered.jar.set(SESSION_COOKIE, `${value.slice(0, 5)}${value[5] === 'A' ? 'B' : 'A'}${value.slice(6)}`)
      expect(await get(tampered, 'secret')).toBeNull()
      const forged = c.clone()
      forged.jar.set(SESSION_COOKIE, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.forged')
      const answer = await forged.get('/t/get?key=secret')
      expect(answer.status).toBe(200)
      expect(answer.json().value).toBeNull()
      const garbage = c.clone()
      garbage.jar.set(SESSION_COOKIE, '%%%;;\u00e9\u00e9')
      expect((await garbage.get('/t/get?key=secret')).status).toBe(200)
      expect(await get(c, 'secret')).toBe('mine')
    })

    it('issues a new id rather than adopting one the store does not know', async () => {
      const c = client()
      await put(c, 'a', 1)
      const id = (await c.get('/t/id')).json().id
      await c.get('/t/flush')
      const replay = client()
      replay.jar.set(SESSION_COOKIE, `${id}.whatever`)
      await put(replay, 'b', 2)
      const newId = (await replay.get('/t/id')).json().id
      expect(newId).not.toBe(id)
    })

    it('names the key of a value that cannot be stored', async () => {
      const c = client()
      for (const kind of ['function', 'symbol', 'undefined', 'nan', 'instance', 'date', 'cycle', 'bigint']) {
        const answer = await c.get(`/t/bad?kind=${kind}`, { headers: { accept: 'application/json' } })
        expect(answer.status).toBe(500)
        expect(answer.json().message).toContain('user.profile')
      }
    })

    it('refuses keys that reach a prototype', async () => {
      const answer = await client().get('/t/bad-key', { headers: { accept: 'application/json' } })
      expect(answer.status).toBe(500)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })

    it("serves the seed's /cart from the session", async () => {
      const c = client()
      await put(c, 'cartItems', [{ name: 'Apple', qty: 2 }, { name: 'Pear & Plum', qty: 1 }])
      const cart = await c.get('/cart')
      expect(cart.text).toContain('<li>Apple x 2</li><li>Pear &amp; Plum x 1</li>')
    })

    /** Runs `during` while a request of c that read the session waits to change `key`; resolves once that request is answered. */
    async function whileInFlight (c: TestClient, key: string, during: () => Promise<void>): Promise<void> {
      const gate = Math.random().toString(36).slice(2)
      const held = c.get(`/t/hold?${query({ gate, key, value: 'stale' })}`)
      while (!(await client().get(`/t/holding?gate=${gate}`)).json().holding) await new Promise((resolve) => setTimeout(resolve, 5))
      await during()
      await client().get(`/t/release?gate=${gate}`)
      expect((await held).status).toBe(200)
    }

    it(setup.mergesConcurrentChanges
      ? 'keeps a flushed session gone when a request that read it before commits after'
      : 'cannot revoke the cookies of a flushed session (values live in the browser)', async () => {
      const c = client()
      await put(c, 'userId', 7)
      const before = c.clone()
      await whileInFlight(c, 'lastSeen', async () => { await c.get('/t/flush') })
      if (setup.mergesConcurrentChanges) {
        expect((await before.get('/t/all')).json()).toEqual({})
        expect((await c.get('/t/all')).json()).toEqual({})
      } else {
        expect(await get(before, 'userId')).toBe(7)
      }
    })

    it(setup.mergesConcurrentChanges
      ? 'writes nothing to the old id when a request that read it commits after regenerate()'
      : 'cannot revoke the cookies of a regenerated session (values live in the browser)', async () => {
      const c = client()
      await put(c, 'userId', 7)
      const before = c.clone()
      await whileInFlight(c, 'lastSeen', async () => { await c.get('/t/regenerate') })
      if (setup.mergesConcurrentChanges) {
        expect((await before.get('/t/all')).json()).toEqual({})
        expect((await c.get('/t/all')).json()).toEqual({ userId: 7 })
      } else {
        expect(await get(before, 'userId')).toBe(7)
      }
    })

    it(setup.mergesConcurrentChanges
      ? 'keeps both changes of two parallel requests of one client'
      : 'keeps one of two parallel requests of one client (last writer wins)', async () => {
      const c = client()
      await put(c, 'start', 1)
      await Promise.all([
        c.get(`/t/slow-put?${query({ key: 'left', value: 'L', wait: '60' })}`),
        c.get(`/t/slow-put?${query({ key: 'right', value: 'R', wait: '10' })}`),
      ])
      const all = (await c.get('/t/all')).json()
      if (setup.mergesConcurrentChanges) {
        expect(all).toEqual({ start: 1, left: 'L', right: 'R' })
      } else {
        expect(all.start).toBe(1)
        expect(['L', 'R']).toContain(all.left ?? all.right)
      }
    })
  })

  describe(`Session | ${setup.driver} driver expiry`, () => {
    it('expires a session idle for longer than age, and slides while it is used', async () => {
      const app = await bootSessionApp(setup, { age: 0.025 }) // 1.5 s
      try {
        const c = app.newClient()
        await put(c, 'alive', true)
        for (let step = 0; step < 3; step++) {
          await new Promise((resolve) => setTimeout(resolve, 900))
          expect(await get(c, 'alive')).toBe(true)
        }
        await new Promise((resolve) => setTimeout(resolve, 1700))
        const cookie = c.jar.all().map((stored) => `${stored.name}=${stored.value}`).join('; ')
        const answer = await c.get('/t/get?key=alive', { headers: { cookie } }) // as a client that kept the cookie
        expect(answer.json().value).toBeNull()
      } finally {
        await app.close()
      }
    }, 15000)

    it('makes a browser-session cookie with clearWithBrowser', async () => {
      const app = await bootSessionApp(setup, { clearWithBrowser: true })
      try {
        const c = app.newClient()
        await put(c, 'a', 1)
        const cookie = c.jar.get(SESSION_COOKIE)!
        expect(cookie.expiresAt).toBeNull()
        expect(cookie.raw).not.toMatch(/Max-Age|Expires/)
        expect(await get(c, 'a')).toBe(1)
      } finally {
        await app.close()
      }
    })

    it('sets Secure and the configured SameSite and Path', async () => {
      const app = await bootSessionApp(setup, { secure: true, sameSite: 'strict', path: '/' })
      try {
        const c = app.newClient()
        await put(c, 'a', 1)
        const cookie = c.jar.get(SESSION_COOKIE)!
        expect(cookie.secure).toBe(true)
        expect(cookie.sameSite).toBe('Strict')
      } finally {
        await app.close()
      }
    })
  })
}
