/**
 * Signed and encrypted session cookies: only the exact value the server issued opens a
 * session. Any edit of it (a character changed, added or removed anywhere, including a
 * signature spelled differently that decodes to the same bytes) gives a fresh, empty session.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { testClient, TestClient, type AppClient } from 'adonis-lite/testing'
import { fixture, TEST_KEY } from '../helpers/apps'

const RUNS = Number(process.env.FUZZ_RUNS) || 300
const SESSION_COOKIE = 'adonis-session'
const DATA_COOKIE = `${SESSION_COOKIE}-data`
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
/** Characters an edit may bring in: base64url, the separator, and what base64 decoders skip or accept. */
const EDIT_CHARS = `${BASE64URL}.=+/!*~ \u0080\u00ff`

type Edit = { kind: 'replace' | 'insert' | 'delete', at: number, char: string }

function applyEdit (value: string, { kind, at, char }: Edit): string {
  const index = at % (value.length + (kind === 'insert' ? 1 : 0))
  if (kind === 'delete') return value.slice(0, index) + value.slice(index + 1)
  if (kind === 'insert') return value.slice(0, index) + char + value.slice(index)
  return value.slice(0, index) + char + value.slice(index + 1)
}

const edit = fc.record({ kind: fc.constantFrom('replace' as const, 'insert' as const, 'delete' as const), at: fc.nat(), char: fc.constantFrom(...EDIT_CHARS) })

describe.each(['cookie', 'file'])('Security | signed session cookies (%s driver)', (driver) => {
  let app: AppClient
  let issued: Record<string, string>
  const secret = `secret-of-${driver}`
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-signed-'))

  beforeAll(async () => {
    app = await testClient(fixture('hardening_app'), { config: { session: { driver, file: { directory } } }, env: { APP_KEY: TEST_KEY } })
    const owner = app.newClient()
    await owner.get(`/secret?value=${secret}`)
    issued = Object.fromEntries(owner.jar.all().map((cookie) => [cookie.name, cookie.value]))
  })
  afterAll(async () => {
    await app.close()
    fs.rmSync(directory, { recursive: true, force: true })
  })

  /** The secret, if these cookies open the owner's session. */
  async function secretWith (cookies: Record<string, string>): Promise<unknown> {
    const client = new TestClient(app.url)
    for (const [name, value] of Object.entries(cookies)) client.jar.set(name, value)
    const answer = await client.get('/session')
    expect(answer.status).toBe(200)
    return answer.json().secret
  }

  it('opens the session with the cookies exactly as issued', async () => {
    expect(await secretWith(issued)).toBe(secret)
  })

  it('refuses every other spelling of the last character of the signature', async () => {
    const signed = issued[SESSION_COOKIE]!
    for (const char of BASE64URL) {
      if (char === signed.at(-1)) continue
      expect(await secretWith({ ...issued, [SESSION_COOKIE]: signed.slice(0, -1) + char })).toBeUndefined()
    }
  })

  it('refuses the signature with characters a base64 decoder would skip', async () => {
    const signed = issued[SESSION_COOKIE]!
    for (const junk of ['!', '*', '~', '=', '==', ' x', '\u0080']) {
      expect(await secretWith({ ...issued, [SESSION_COOKIE]: signed + junk })).toBeUndefined()
      const middle = signed.length - 10
      expect(await secretWith({ ...issued, [SESSION_COOKIE]: signed.slice(0, middle) + junk + signed.slice(middle) })).toBeUndefined()
    }
  })

  it(`refuses ${RUNS} generated one-character edits of the session cookie`, async () => {
    await fc.assert(fc.asyncProperty(edit, async (change) => {
      const tampered = applyEdit(issued[SESSION_COOKIE]!, change)
      // The cookie header's own syntax trims spaces around a value: that is the same cookie.
      fc.pre(tampered.trim() !== issued[SESSION_COOKIE])
      expect(await secretWith({ ...issued, [SESSION_COOKIE]: tampered.trim() === '' ? 'x' : tampered })).toBeUndefined()
    }), { numRuns: RUNS })
  }, 60_000)

  if (driver === 'cookie') {
    it(`refuses ${RUNS} generated one-character edits of the encrypted values cookie`, async () => {
      await fc.assert(fc.asyncProperty(edit, async (change) => {
        const tampered = applyEdit(issued[DATA_COOKIE]!, change)
        fc.pre(tampered.trim() !== issued[DATA_COOKIE])
        expect(await secretWith({ ...issued, [DATA_COOKIE]: tampered.trim() === '' ? 'x' : tampered })).toBeUndefined()
      }), { numRuns: RUNS })
    }, 60_000)
  }
})
