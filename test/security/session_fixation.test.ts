/**
 * Session fixation, on the demo app's sign-in (the sign-up form signs the new user in): a
 * session planted in the victim's browser before sign-in is not the session after it, and the
 * attacker who kept its cookies is not signed in. An id the client makes up is never used.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { testClient, TestClient, type AppClient } from 'adonis-lite/testing'
import { Signer } from '../../framework/crypto/signer'
import { TEST_KEY } from '../helpers/apps'
import { csrfOf } from '../helpers/html'

const DEMO_APP = path.join(__dirname, '..', '..')
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const SESSION_COOKIE = 'adonis-session'

/** The session id in a session cookie's value: what comes before the first dot. */
const idOf = (client: TestClient) => client.jar.get(SESSION_COOKIE)?.value.split('.')[0] ?? null

describe.each(['cookie', 'file', 'redis', 'memory'])('Security | session fixation (%s driver)', (driver) => {
  let app: AppClient
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-fixation-'))
  const prefix = `test:fixation:${crypto.randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL, { lazyConnect: true })

  /** Whether the store still holds a session under this id (for the drivers whose store a test can look into). */
  async function stored (id: string): Promise<boolean | null> {
    if (driver === 'file') return fs.existsSync(path.join(directory, `${id}.json`))
    if (driver === 'redis') return (await redis.exists(`${prefix}${id}`)) === 1
    return null
  }

  beforeAll(async () => {
    app = await testClient(DEMO_APP, {
      config: { session: { driver, file: { directory }, redis: { url: REDIS_URL, prefix } } },
      env: { APP_KEY: TEST_KEY },
      production: true,
    })
  })
  afterAll(async () => {
    await app.close()
    fs.rmSync(directory, { recursive: true, force: true })
    if (driver === 'redis') {
      const keys = await redis.keys(`${prefix}*`)
      if (keys.length > 0) await redis.del(...keys)
    }
    redis.disconnect()
  })

  async function signUp (client: TestClient, email: string) {
    const form = await client.get('/signup')
    const posted = await client.post('/signup', { email, password: 'secret1', _csrf: csrfOf(form.text) }, { headers: { referer: `${app.url}/signup` } })
    expect(posted.status).toBe(302)
    expect(new URL(posted.location!).pathname).toBe('/account')
  }

  /** A stored session of the attacker's own: a sign-up that fails keeps its input in one. */
  async function sessionOfOwn (client: TestClient): Promise<string> {
    const form = await client.get('/signup')
    const posted = await client.post('/signup', { email: 'not an email', _csrf: csrfOf(form.text) }, { headers: { referer: `${app.url}/signup` } })
    expect(posted.status).toBe(302)
    return csrfOf((await client.get('/signup')).text)
  }

  it('gives the victim a new session id at sign-in; the planted one opens nothing', async () => {
    const attacker = app.newClient()
    await sessionOfOwn(attacker)
    const planted = idOf(attacker)!
    expect(planted).not.toBeNull()
    if (driver === 'file' || driver === 'redis') expect(await stored(planted)).toBe(true)

    // The attacker's cookies are planted in the victim's browser, which then signs in.
    const victim = app.newClient()
    for (const cookie of attacker.jar.all()) victim.jar.set(cookie.name, cookie.value)
    await victim.get('/signup')
    expect(idOf(victim)).toBe(planted)
    await signUp(victim, 'victim@example.com')

    expect(idOf(victim)).not.toBe(planted)
    expect((await victim.get('/account')).text).toContain('Signed in as victim@example.com')
    const answer = await attacker.get('/account')
    expect(answer.status).toBe(302)
    expect(new URL(answer.location!).pathname).toBe('/signup')
    if (driver === 'file' || driver === 'redis') expect(await stored(planted)).toBe(false)
  })

  it('gives the victim a new CSRF secret at sign-in: a token taken before it no longer passes', async () => {
    const attacker = app.newClient()
    const taken = await sessionOfOwn(attacker)
    const victim = app.newClient()
    for (const cookie of attacker.jar.all()) victim.jar.set(cookie.name, cookie.value)
    // Before sign-in the planted session and its token go together, as any session's do.
    const before = await victim.post('/signup', { email: 'nope', _csrf: taken }, { headers: { referer: `${app.url}/signup` } })
    expect(before.status).toBe(302)
    await signUp(victim, 'token@example.com')

    // A forged request from the victim's browser, with the token the attacker kept.
    const forged = await victim.post('/signup', { email: 'attacker@example.com', password: 'secret1', _csrf: taken }, { headers: { accept: 'application/json' } })
    expect(forged.status).toBe(403)
    expect(forged.json().code).toBe('E_BAD_CSRF_TOKEN')
    expect((await victim.get('/account')).text).toContain('Signed in as token@example.com')
  })

  it('never uses an id the client made up, even one signed with the app key', async () => {
    const chosen = crypto.randomBytes(24).toString('base64url')
    const victim = app.newClient()
    victim.jar.set(SESSION_COOKIE, new Signer([TEST_KEY]).sign(chosen, 'session-id'))
    await victim.get('/signup')
    if (driver === 'file' || driver === 'redis') expect(await stored(chosen)).toBe(false)
    await signUp(victim, 'chosen@example.com')
    expect(idOf(victim)).not.toBe(chosen)
    if (driver === 'file' || driver === 'redis') expect(await stored(chosen)).toBe(false)
    const attacker = new TestClient(app.url)
    attacker.jar.set(SESSION_COOKIE, new Signer([TEST_KEY]).sign(chosen, 'session-id'))
    expect((await attacker.get('/account')).status).toBe(302)
  })
})
