/**
 * Generated Cookie headers against every session driver, over raw HTTP: random, truncated,
 * forged, oversized, non-ASCII and duplicated cookies. The server must answer each below 500,
 * open a session only for the exact cookie it issued, never adopt an id it did not issue, and
 * keep serving. FUZZ_RUNS sets the number of headers (npm run test:fuzz: 10,000).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { parse as parseCookies } from 'cookie'
import fc from 'fast-check'
import { TestClient } from 'adonis-lite/testing'
import { Signer } from '../../framework/crypto/signer'
import { csrfOf, input } from '../helpers/html'
import { APP_KEY, DRIVERS, HardeningApps, SESSION_COOKIE, type Driver } from './apps'
import { prototypeChanges, snapshotPrototypes } from './prototypes'
import { fuzzRuns, rawRequest, type RawResponse } from './raw_http'

const RUNS = fuzzRuns()
const DATA_COOKIE = `${SESSION_COOKIE}-data`
const ROUTES = ['GET /form', 'GET /session', 'POST /form'] as const
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const TOKEN_CHARS = `${BASE64URL}!#$%&'*+.^\`|~`

interface Victim {
  /** The cookies the server issued to this client, by name. */
  cookies: Record<string, string>
  id: string
  secret: string
  csrf: string
}

interface CookieCase {
  driver: Driver
  route: typeof ROUTES[number]
  /** One Buffer per Cookie header line. */
  lines: Buffer[]
}

const signer = new Signer([APP_KEY])
const bytes = (text: string, encoding: BufferEncoding = 'latin1') => Buffer.from(text, encoding)

/** Bytes a header value may carry: visible ASCII, tab and obs-text (0x80-0xff, not UTF-8 as a rule). */
const headerByte = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 1, arbitrary: fc.constant(0x09) }
)
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const withoutControls = (text: string) => text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
const randomBytes = (maxLength: number) => fc.array(headerByte, { maxLength }).map((list) => Buffer.from(list))
/** A byte no header may carry (but CR and LF, which would end it): Node's parser answers 400 itself. */
const controlByte = fc.oneof(fc.integer({ min: 0, max: 0x1f }).filter((byte) => byte !== 9 && byte !== 10 && byte !== 13), fc.constant(0x7f))

function cookieName (): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(SESSION_COOKIE, DATA_COOKIE).map((name) => bytes(name)) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' adonis-session', 'ADONIS-SESSION', 'adonis-session ', 'adonis-session-data-data', '$Version').map((name) => bytes(name)) },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 20 }).map((name) => bytes(name)) },
    { weight: 1, arbitrary: randomBytes(12) }
  )
}

function cookieValue (victims: Map<Driver, Victim>): fc.Arbitrary<Buffer> {
  const issued = [...victims.values()].flatMap((victim) => Object.values(victim.cookies))
  const ids = [...victims.values()].map((victim) => victim.id)
  const real = fc.constantFrom(...issued)
  const forgedIds = fc.oneof(
    fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 32, maxLength: 32 }),
    fc.constantFrom('../../../../etc/passwd', `${'a'.repeat(32)}/../x`, '..\\..\\boot.ini', '', '.', '%2e%2e%2f', 'x'.repeat(5000), '\u0000', 'CON'),
    fc.string({ unit: 'grapheme', maxLength: 40 })
  )
  return fc.oneof(
    { weight: 3, arbitrary: real.map((value) => bytes(value)) },
    { weight: 3, arbitrary: fc.tuple(real, fc.nat()).map(([value, at]) => bytes(value.slice(0, at % (value.length + 1)))) },
    {
      weight: 4,
      arbitrary: fc.tuple(real, fc.nat(), fc.constantFrom(...`${BASE64URL}.%=;" `)).map(([value, at, char]) => {
        const index = at % value.length
        return bytes(value.slice(0, index) + char + value.slice(index + 1))
      }),
    },
    { weight: 2, arbitrary: fc.tuple(real, randomBytes(20)).map(([value, junk]) => Buffer.concat([bytes(value), junk])) },
    // A real id with another signature, and real signatures moved to other ids.
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ids), fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 43 })).map(([id, signature]) => bytes(`${id}.${signature}`)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ids), real).map(([id, other]) => bytes(`${id}.${other.slice(other.lastIndexOf('.') + 1)}`)) },
    // Correctly signed with the app key, as if the key had leaked: the id must still be one the store issued.
    { weight: 3, arbitrary: forgedIds.map((id) => bytes(signer.sign(id, 'session-id'), 'utf8')) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((text) => bytes(withoutControls(text))) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => bytes(withoutControls(text), 'utf8')) },
    { weight: 2, arbitrary: randomBytes(80) },
    { weight: 1, arbitrary: fc.integer({ min: 3000, max: 20_000 }).map((length) => bytes('A'.repeat(length))) },
    { weight: 2, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%C3%28', '%FF%FE', '%25', '"quoted"', '""', '"', '\\', '=', '==', ' ').map((text) => bytes(text)) },
    { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xff, 0xfe, 0xfd])) }
  )
}

function cookieCase (victims: Map<Driver, Victim>): fc.Arbitrary<CookieCase> {
  const pair = fc.tuple(cookieName(), cookieValue(victims), fc.boolean()).map(([name, value, bare]) =>
    bare && value.length === 0 ? name : Buffer.concat([name, bytes('='), value]))
  const separator = fc.constantFrom('; ', ';', ' ; ', ', ', ';;', '; ; ', ' ').map((text) => bytes(text))
  const pairs = fc.tuple(fc.array(fc.tuple(pair, separator), { maxLength: 6 }), fc.integer({ min: 1, max: 3 })).map(([list, lineCount]) => {
    const lines: Buffer[][] = Array.from({ length: Math.min(lineCount, Math.max(list.length, 1)) }, () => [])
    list.forEach(([cookie, sep], index) => {
      const line = lines[index % lines.length]!
      if (line.length > 0) line.push(sep)
      line.push(cookie)
    })
    return lines.map((parts) => Buffer.concat(parts))
  })
  // The cookies a victim was issued, shuffled, with duplicates and other cookies around them.
  const around = fc.array(fc.tuple(pair, fc.boolean()), { maxLength: 3 })
  const victimLines = (driver: Driver) => fc.tuple(fc.shuffledSubarray(Object.entries(victims.get(driver)!.cookies), { minLength: 1 }), around, separator).map(([issued, others, sep]) => {
    const parts: Buffer[] = []
    for (const [other, before] of others) if (before) parts.push(other)
    for (const [name, value] of issued) parts.push(bytes(`${name}=${value}`))
    for (const [other, before] of others) if (!before) parts.push(other)
    return [Buffer.concat(parts.flatMap((part, index) => index === 0 ? [part] : [sep, part]))]
  })
  const broken = fc.tuple(pairs, fc.nat(), controlByte).map(([lines, at, control]) => {
    const line = lines[0]!
    const index = at % (line.length + 1)
    return [Buffer.concat([line.subarray(0, index), Buffer.from([control]), line.subarray(index)]), ...lines.slice(1)]
  })
  return fc.constantFrom(...DRIVERS).chain((driver) => fc.record({
    driver: fc.constant(driver),
    route: fc.constantFrom(...ROUTES),
    lines: fc.oneof(
      { weight: 12, arbitrary: pairs },
      { weight: 4, arbitrary: victimLines(driver) },
      { weight: 1, arbitrary: randomBytes(300).map((line) => [line]) },
      { weight: 1, arbitrary: broken }
    ),
  }))
}

/** Whether the server saw exactly the cookies it issued to the victim (Node joins Cookie lines with '; '). */
function carriesVictim (lines: Buffer[], driver: Driver, victim: Victim): boolean {
  const header = Buffer.concat(lines.flatMap((line, index) => index === 0 ? [line] : [bytes('; '), line])).toString('latin1').trim()
  const seen = parseCookies(header)
  if (seen[SESSION_COOKIE] !== victim.cookies[SESSION_COOKIE]) return false
  return driver !== 'cookie' || seen[DATA_COOKIE] === victim.cookies[DATA_COOKIE]
}

/** The session id in a signed session cookie: what comes before the first dot (the signature, and other fields, follow). */
function idOf (cookieValue: string): string {
  const dot = cookieValue.indexOf('.')
  return dot === -1 ? '' : cookieValue.slice(0, dot)
}

function setCookies (response: RawResponse): string[] {
  return [...response.head.matchAll(/^set-cookie:\s*(.*)$/gim)].map((match) => match[1]!)
}

async function makeVictim (port: number, driver: Driver): Promise<Victim> {
  const client = new TestClient(`http://127.0.0.1:${port}`)
  const secret = `victim-${driver}-${crypto.randomBytes(8).toString('hex')}`
  await client.get(`/secret?value=${secret}`)
  const csrf = csrfOf((await client.get('/form')).text)
  const cookies = Object.fromEntries(client.jar.all().map((cookie) => [cookie.name, cookie.value]))
  return { cookies, id: idOf(cookies[SESSION_COOKIE]!), secret, csrf }
}

describe('Fuzz | Cookie headers', () => {
  const apps = new HardeningApps()
  const victims = new Map<Driver, Victim>()
  let prototypes: ReturnType<typeof snapshotPrototypes>
  const seen = { app: 0, parser: 0, victimOpened: 0 }

  beforeAll(async () => {
    await apps.boot()
    for (const driver of DRIVERS) victims.set(driver, await makeVictim(apps.get(driver).port, driver))
    prototypes = snapshotPrototypes()
  })
  afterAll(() => apps.close())

  it(`answers ${RUNS} generated Cookie headers below 500, opening a session only for the cookie that was issued`, async () => {
    await fc.assert(fc.asyncProperty(cookieCase(victims), async ({ driver, route, lines }) => {
      const { port } = apps.get(driver)
      const victim = victims.get(driver)!
      const [method, path] = route.split(' ') as [string, string]
      const body = method === 'POST' ? bytes(`email=fuzz%40example.com&_csrf=${victim.csrf}`) : undefined
      const headers: Array<[string, Buffer | string]> = lines.map((line) => ['Cookie', line])
      if (body) headers.push(['Content-Type', 'application/x-www-form-urlencoded'])
      const response = await rawRequest(port, { method, path, headers, body })

      expect(response.status).toBeGreaterThanOrEqual(200)
      expect(response.status).toBeLessThan(500)
      // Node refuses some header bytes (400) and headers over 16 kB (431) before the app sees them.
      const fromApp = /^x-content-type-options:/im.test(response.head)
      if (!fromApp) {
        expect([400, 431]).toContain(response.status)
        seen.parser++
        return
      }
      seen.app++
      const opensVictim = carriesVictim(lines, driver, victim)
      if (opensVictim) seen.victimOpened++
      const requestText = Buffer.concat(lines).toString('latin1')
      for (const cookie of setCookies(response)) {
        if (!cookie.startsWith(`${SESSION_COOKIE}=`)) continue
        const id = idOf(cookie.slice(SESSION_COOKIE.length + 1, cookie.indexOf(';')))
        if (id === '') continue // a cleared cookie
        // Strict mode: an id the client sent is never adopted, unless it is the victim's own.
        if (opensVictim) expect(id).toBe(victim.id)
        else expect(requestText.includes(id)).toBe(false)
      }
      if (route === 'GET /session') {
        expect(response.status).toBe(200)
        expect(JSON.parse(response.body.toString('utf8')).secret === victim.secret).toBe(opensVictim)
      } else if (route === 'GET /form') {
        expect(response.status).toBe(200)
        expect(input(response.body.toString('utf8'), '_csrf')).toBeDefined()
      } else {
        expect(response.status).toBe(opensVictim ? 302 : 403)
      }
    }), { numRuns: RUNS })
    console.log(`cookie fuzz: ${RUNS} headers, ${seen.app} answered by the app (${seen.victimOpened} carrying the victim's exact cookie), ${seen.parser} refused by Node's HTTP parser`)
  }, Math.max(60_000, RUNS * 30))

  it('leaves every built-in prototype untouched', () => {
    expect(prototypeChanges(prototypes)).toEqual([])
  })

  it('still serves the victims and a new client afterwards', async () => {
    for (const driver of DRIVERS) {
      const { app } = apps.get(driver)
      const victim = new TestClient(app.url)
      for (const [name, value] of Object.entries(victims.get(driver)!.cookies)) victim.jar.set(name, value)
      expect((await victim.get('/session')).json().secret).toBe(victims.get(driver)!.secret)

      const client = app.newClient()
      const form = await client.get('/form')
      expect(form.status).toBe(200)
      const posted = await client.post('/form', { email: 'after@example.com', _csrf: csrfOf(form.text) })
      expect(posted.status).toBe(302)
      expect(input((await client.get('/form')).text, 'email')?.value).toBe('after@example.com')
    }
  })

  it('keeps every file-driver session inside its folder, under a well-formed name', () => {
    expect(fs.readdirSync(apps.temp)).toEqual(['sessions'])
    const names = fs.readdirSync(apps.sessionDirectory)
    expect(names.length).toBeGreaterThan(0)
    expect(names.filter((name) => !/^[A-Za-z0-9_-]{32}\.json$/.test(name))).toEqual([])
  })
})
