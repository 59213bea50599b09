/**
 * Many clients at once. 200 clients go through the demo app's sign-up round trip in parallel
 * (bad form, the form again with their errors and email, the form once more without them, a
 * good form, the account page): each sees only its own flashed values and errors, on every
 * driver. And 50 parallel requests of one session that change different keys keep all of
 * them (file, redis and memory drivers); the cookie driver keeps one (last writer wins).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture, TEST_KEY } from '../helpers/apps'
import { csrfOf, decode, inner, input, text } from '../helpers/html'

const DEMO_APP = path.join(__dirname, '..', '..')
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const CLIENTS = 200
const PARALLEL_WRITES = 50

interface Store {
  session: Record<string, unknown>
  cleanup (): Promise<void>
}

function storeFor (driver: string): Store {
  if (driver === 'file') {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-concurrency-'))
    return { session: { driver, file: { directory } }, cleanup: async () => fs.rmSync(directory, { recursive: true, force: true }) }
  }
  if (driver === 'redis') {
    const prefix = `test:concurrency:${crypto.randomBytes(6).toString('hex')}:`
    return {
      session: { driver, redis: { url: REDIS_URL, prefix } },
      cleanup: async () => {
        const admin = new Redis(REDIS_URL)
        const keys = await admin.keys(`${prefix}*`)
        if (keys.length > 0) await admin.del(...keys)
        await admin.quit()
      },
    }
  }
  return { session: { driver }, cleanup: async () => undefined }
}

/** Client i's sign-up mistakes: a bad email, a short password, or both. */
function mistakeOf (index: number): { fields: Record<string, string>, errors: RegExp[], email: string } {
  switch (index % 3) {
    case 0: return { fields: { email: `bad-${index}`, password: `secret-${index}` }, errors: [/email/i], email: `bad-${index}` }
    case 1: return { fields: { email: `user${index}@example.com`, password: '123' }, errors: [/password/i], email: `user${index}@example.com` }
    default: return { fields: { email: `bad-${index}`, password: '' }, errors: [/email/i, /password/i], email: `bad-${index}` }
  }
}

/** The messages listed under the form. */
function errorsOn (html: string): string[] {
  return [...inner(html, 'errors').matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map(([, message]) => decode(message!).trim())
}

/** Every client number the page mentions (bad-12, user12@...): a page must mention only its own. */
function clientsMentioned (html: string): Set<number> {
  return new Set([...html.matchAll(/(?:bad-|user)(\d+)/g)].map((match) => Number(match[1])))
}

async function signUpRoundTrip (app: AppClient, client: TestClient, index: number): Promise<void> {
  const referer = { headers: { referer: `${app.url}/signup` } }
  const mistake = mistakeOf(index)
  const first = await client.get('/signup')
  const bad = await client.post('/signup', { ...mistake.fields, _csrf: csrfOf(first.text) }, referer)
  expect(bad.status).toBe(302)
  expect(bad.location).toBe(`${app.url}/signup`)

  const back = (await client.get('/signup')).text
  const errors = errorsOn(back)
  expect(errors).toHaveLength(mistake.errors.length)
  mistake.errors.forEach((pattern, at) => expect(errors[at]).toMatch(pattern))
  expect(input(back, 'email')?.value).toBe(mistake.email)
  expect(input(back, 'password')?.value ?? '').toBe('')
  expect([...clientsMentioned(back)]).toEqual([index])

  const again = (await client.get('/signup')).text
  expect(errorsOn(again)).toEqual([])
  expect(input(again, 'email')?.value ?? '').toBe('')
  expect(clientsMentioned(again).size).toBe(0)

  const good = await client.post('/signup', { email: `user${index}@example.com`, password: `secret-${index}`, _csrf: csrfOf(again) }, referer)
  expect(good.status).toBe(302)
  expect(new URL(good.location!).pathname).toBe('/account')
  const account = (await client.follow(good)).text
  expect(text(account, 'account')).toBe(`Signed in as user${index}@example.com.`)
  expect([...clientsMentioned(account)]).toEqual([index])
}

describe.each(['cookie', 'file', 'redis', 'memory'])('Concurrency | %s driver', (driver) => {
  let app: AppClient
  let store: Store
  beforeAll(async () => {
    store = storeFor(driver)
    // Views cached, as in production (the demo app caches them only when NODE_ENV is production).
    app = await testClient(DEMO_APP, { config: { session: store.session, app: { views: { cache: true } } }, env: { APP_KEY: TEST_KEY }, production: true })
  })
  afterAll(async () => {
    await app.close()
    await store.cleanup()
  })

  it(`shows each of ${CLIENTS} parallel sign-ups only its own flashed email and errors`, async () => {
    const clients = Array.from({ length: CLIENTS }, () => app.newClient())
    const results = await Promise.allSettled(clients.map((client, index) => signUpRoundTrip(app, client, index)))
    const failures = results.flatMap((result, index) => result.status === 'rejected' ? [`client ${index}: ${(result.reason as Error).message}`] : [])
    expect(failures).toEqual([])
  }, 60_000)
})

describe.each([
  ['file', true],
  ['redis', true],
  ['memory', true],
  ['cookie', false],
])('Concurrency | %s driver, parallel requests of one session', (driver, merges) => {
  let app: AppClient
  let store: Store
  beforeAll(async () => {
    store = storeFor(driver as string)
    app = await testClient(fixture('session_app'), { config: { session: store.session }, env: { APP_KEY: TEST_KEY } })
  })
  afterAll(async () => {
    await app.close()
    await store.cleanup()
  })

  it(merges
    ? `keeps every key of ${PARALLEL_WRITES} parallel requests that change different keys`
    : `keeps the changes of one of ${PARALLEL_WRITES} parallel requests (last writer wins, as documented)`, async () => {
    const client = app.newClient()
    expect((await client.get('/t/put?key=start&value=0')).status).toBe(200)
    const answers = await Promise.all(Array.from({ length: PARALLEL_WRITES }, (_, index) =>
      client.get(`/t/slow-put?key=k${index}&value=v${index}&wait=${crypto.randomInt(0, 25)}`)))
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200))
    const all = (await client.get('/t/all')).json() as Record<string, unknown>
    expect(all.start).toBe(0)
    const kept = Object.keys(all).filter((key) => key.startsWith('k'))
    if (merges) {
      expect(kept.sort()).toEqual(Array.from({ length: PARALLEL_WRITES }, (_, index) => `k${index}`).sort())
      for (const key of kept) expect(all[key]).toBe(`v${key.slice(1)}`)
    } else {
      expect(kept).toHaveLength(1)
    }
  }, 30_000)
})
