/**
 * The attributes of every cookie the framework sets: the session id cookie and, with the
 * cookie driver, the values cookie; the cookie that clears them; and response.cookie().
 * HttpOnly, SameSite, Secure when configured (or the request is HTTPS), Path and Domain as
 * configured, Max-Age with a matching Expires.
 */
import { testClient, type AppClient, type StoredCookie } from 'adonis-lite/testing'
import { removeApp, tempApp, TEST_KEY } from '../helpers/apps'

const ROUTES = `import { Route } from 'adonis-lite'
Route.get('/put', function * (request, response) { yield request.session.put('a', 1); response.send('ok') })
Route.get('/flush', function * (request, response) { yield request.session.flush(); response.send('ok') })
Route.get('/cookie', (request, response) => { response.cookie('prefs', { theme: 'dark' }).send('ok') })
`

/** The attributes of a Set-Cookie header, by lower-case name ('' when bare). */
function attributesOf (cookie: StoredCookie): Map<string, string> {
  return new Map(cookie.raw.split(';').slice(1).map((part) => {
    const [name = '', ...value] = part.split('=')
    return [name.trim().toLowerCase(), value.join('=').trim()]
  }))
}

describe.each(['cookie', 'file'])('Security | session cookie attributes (%s driver)', (driver) => {
  const root = tempApp({ 'start/routes.ts': ROUTES })
  const apps: AppClient[] = []
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()))
    removeApp(root)
  })

  async function sessionCookies (session: Record<string, unknown>, options: { headers?: Record<string, string>, trustProxy?: boolean } = {}) {
    const app = await testClient(root, { config: { session: { driver, ...session }, app: { http: { trustProxy: options.trustProxy ?? false } } }, env: { APP_KEY: TEST_KEY } })
    apps.push(app)
    const client = app.newClient()
    const put = await client.get('/put', { headers: options.headers })
    const flushed = await client.get('/flush', { headers: options.headers })
    const names = driver === 'cookie' ? ['adonis-session', 'adonis-session-data'] : ['adonis-session']
    expect(put.cookies.map((cookie) => cookie.name).sort()).toEqual(names)
    expect(flushed.cookies.map((cookie) => cookie.name).sort()).toEqual(names)
    return { set: put.cookies, cleared: flushed.cookies }
  }

  it('sets HttpOnly, SameSite=Lax, Path=/ and Max-Age with a matching Expires by default, without Secure over HTTP', async () => {
    const { set } = await sessionCookies({})
    for (const cookie of set) {
      const attributes = attributesOf(cookie)
      expect(attributes.has('httponly')).toBe(true)
      expect(attributes.get('samesite')).toBe('Lax')
      expect(attributes.get('path')).toBe('/')
      expect(attributes.has('secure')).toBe(false)
      expect(attributes.has('domain')).toBe(false)
      expect(attributes.get('max-age')).toBe('7200')
      expect(Math.abs(Date.parse(attributes.get('expires')!) - (Date.now() + 7200_000))).toBeLessThan(5000)
    }
  })

  it('follows the configured Secure, SameSite, Path, Domain and age on every cookie, and clears them with the same Path and Domain', async () => {
    const { set, cleared } = await sessionCookies({ secure: true, sameSite: 'strict', path: '/', domain: '127.0.0.1', age: 30 })
    for (const cookie of set) {
      const attributes = attributesOf(cookie)
      expect(attributes.has('secure')).toBe(true)
      expect(attributes.get('samesite')).toBe('Strict')
      expect(attributes.get('domain')).toBe('127.0.0.1')
      expect(attributes.get('max-age')).toBe('1800')
      expect(attributes.has('httponly')).toBe(true)
    }
    for (const cookie of cleared) {
      const attributes = attributesOf(cookie)
      expect(cookie.value).toBe('')
      expect(Date.parse(attributes.get('expires')!)).toBeLessThanOrEqual(Date.now())
      expect(attributes.get('path')).toBe('/')
      expect(attributes.get('domain')).toBe('127.0.0.1')
    }
  })

  it("makes every session cookie Secure on HTTPS requests with secure: 'auto' (the default) behind a trusted proxy", async () => {
    const https = await sessionCookies({}, { trustProxy: true, headers: { 'x-forwarded-proto': 'https' } })
    for (const cookie of [...https.set, ...https.cleared]) expect(attributesOf(cookie).has('secure')).toBe(true)
    const http = await sessionCookies({}, { trustProxy: true })
    for (const cookie of http.set) expect(attributesOf(cookie).has('secure')).toBe(false)
    // The header means nothing from a client the app does not trust to say it.
    const untrusted = await sessionCookies({}, { trustProxy: false, headers: { 'x-forwarded-proto': 'https' } })
    for (const cookie of untrusted.set) expect(attributesOf(cookie).has('secure')).toBe(false)
    const never = await sessionCookies({ secure: false }, { trustProxy: true, headers: { 'x-forwarded-proto': 'https' } })
    for (const cookie of never.set) expect(attributesOf(cookie).has('secure')).toBe(false)
  })

  it('scopes every cookie to a configured Path', async () => {
    const app = await testClient(root, { config: { session: { driver, path: '/put' } }, env: { APP_KEY: TEST_KEY } })
    apps.push(app)
    const answer = await app.newClient().get('/put')
    expect(answer.cookies.length).toBeGreaterThan(0)
    for (const cookie of answer.cookies) expect(attributesOf(cookie).get('path')).toBe('/put')
  })

  it('can be SameSite=None only with Secure', async () => {
    const { set } = await sessionCookies({ secure: true, sameSite: 'none' })
    for (const cookie of set) {
      expect(attributesOf(cookie).get('samesite')).toBe('None')
      expect(attributesOf(cookie).has('secure')).toBe(true)
    }
    await expect(testClient(root, { config: { session: { driver, sameSite: 'none', secure: false } }, env: { APP_KEY: TEST_KEY } })).rejects.toThrow(/sameSite/)
    await expect(testClient(root, { config: { session: { driver, sameSite: 'none', secure: 'auto' } }, env: { APP_KEY: TEST_KEY } })).rejects.toThrow(/sameSite/)
  })
})

describe('Security | response.cookie() attributes', () => {
  const root = tempApp({ 'start/routes.ts': ROUTES })
  afterAll(() => removeApp(root))

  it('is HttpOnly and SameSite=Lax by default, and Secure when the request came over HTTPS', async () => {
    const app = await testClient(root, { config: { app: { http: { trustProxy: true } } }, env: { APP_KEY: TEST_KEY } })
    try {
      const plain = (await app.newClient().get('/cookie')).cookies[0]!
      expect(attributesOf(plain).has('httponly')).toBe(true)
      expect(attributesOf(plain).get('samesite')).toBe('Lax')
      expect(attributesOf(plain).has('secure')).toBe(false)
      const secure = (await app.newClient().get('/cookie', { headers: { 'x-forwarded-proto': 'https' } })).cookies[0]!
      expect(attributesOf(secure).has('secure')).toBe(true)
    } finally {
      await app.close()
    }
  })
})
