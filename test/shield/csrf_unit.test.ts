/**
 * The CSRF check at the seam, with a stub session and a real signed secret cookie: where the
 * secret lives (a stored session, else the visitor's cookie), and which tokens pass.
 */
import { Signer } from '../../framework/crypto/signer'
import { Csrf, CSRF_SECRET_KEY, SecretCookie, type CsrfSession } from '../../framework/shield/csrf'
import type { CookieCarrier } from '../../framework/session/types'
import { TEST_KEY } from '../helpers/apps'

const signer = new Signer([TEST_KEY])

class StubSession implements CsrfSession {
  readonly values: Record<string, unknown> = {}
  constructor (readonly isStored: boolean, public isDirty = false) {}
  load () { return Promise.resolve() }
  getLoaded (key: string, fallback: unknown = null) { return key in this.values ? this.values[key] : fallback }
  putLoaded (key: string, value: unknown) { this.values[key] = value; this.isDirty = true }
}

class Cookies implements CookieCarrier {
  readonly values = new Map<string, string>()
  get (name: string) { return this.values.get(name) }
  set (name: string, value: string) { this.values.set(name, value) }
  clear (name: string) { this.values.delete(name) }
}

function csrfFor (session: StubSession, cookies = new Cookies()) {
  return { csrf: new Csrf(() => session, new SecretCookie('adonis-session-csrf', cookies, signer)), cookies }
}

describe('Shield | CSRF check', () => {
  it("keeps a stored session's secret in the session and accepts any token of it", async () => {
    const session = new StubSession(true)
    const { csrf, cookies } = csrfFor(session)
    const first = csrf.token()
    expect(typeof session.values[CSRF_SECRET_KEY]).toBe('string')
    expect(cookies.values.size).toBe(0)
    const second = csrfFor(session).csrf.token()
    expect(second).not.toBe(first)
    expect(await csrfFor(session).csrf.verify(first)).toBe(true)
    expect(await csrfFor(session).csrf.verify(second)).toBe(true)
  })

  it("keeps a visitor's secret in a signed cookie and stores nothing in the session", async () => {
    const session = new StubSession(false)
    const { csrf, cookies } = csrfFor(session)
    const token = csrf.token()
    expect(session.values).toEqual({})
    expect(session.isDirty).toBe(false)
    expect(cookies.values.has('adonis-session-csrf')).toBe(true)
    expect(await csrfFor(new StubSession(false), cookies).csrf.verify(token)).toBe(true)
  })

  it("never accepts a cookie's secret for a stored session (a planted cookie cannot choose it)", async () => {
    const visitor = csrfFor(new StubSession(false))
    const planted = visitor.csrf.token()
    const signedIn = new StubSession(true)
    signedIn.values[CSRF_SECRET_KEY] = 'x'.repeat(43)
    expect(await csrfFor(signedIn, visitor.cookies).csrf.verify(planted)).toBe(false)
    const noSecretYet = new StubSession(true)
    expect(await csrfFor(noSecretYet, visitor.cookies).csrf.verify(planted)).toBe(false)
  })

  it('refuses missing, empty, overlong, malformed and foreign tokens', async () => {
    const session = new StubSession(true)
    const { csrf } = csrfFor(session)
    const token = csrf.token()
    const other = csrfFor(new StubSession(true)).csrf.token()
    for (const bad of [undefined, null, '', 'x'.repeat(201), ['token'], 42, token.slice(0, -2), `${token}AA`, other]) {
      expect(await csrfFor(session).csrf.verify(bad)).toBe(false)
    }
  })

  it('refuses a secret cookie that was not signed with the app key', async () => {
    const cookies = new Cookies()
    cookies.set('adonis-session-csrf', `${'a'.repeat(43)}.forged`)
    const { csrf } = csrfFor(new StubSession(false), cookies)
    expect(await csrf.verify(csrf.token())).toBe(true) // a fresh secret replaces the forged one
    expect(cookies.get('adonis-session-csrf')).not.toContain('forged')
  })
})
