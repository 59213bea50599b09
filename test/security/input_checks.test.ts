/**
 * Checks on user input, over HTTP: a crafted value cannot stall the server through a rule, and
 * what the validator checks is exactly what the app reads, whichever source (query string,
 * urlencoded or multipart form, JSON) carries a key spelled with dots.
 */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { removeApp, tempApp, TEST_KEY } from '../helpers/apps'

const ROUTES = `
import { Route, Validator } from 'adonis-lite'

const rules = { site: 'url', 'profile.role': 'in:user,editor' }

Route.post('/profile', function * (request, response) {
  const validation = yield Validator.validate(rules, request.all())
  if (validation.fails()) return response.status(422).json(validation.messages())
  // What an app saves: the nested object it reads, never checked field by field again.
  response.json({ saved: request.input('profile'), role: request.input('profile.role') })
})
Route.get('/ping', (request, response) => { response.json({ pong: true }) })
`

/** Resolves with the promise's value, or rejects once ms have passed without one. */
async function within<T> (ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<T>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms) })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

describe('Security | checks on user input', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'start/routes.ts': ROUTES,
      'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser']\n",
    })
    app = await testClient(root, { env: { APP_KEY: TEST_KEY }, production: true })
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  it('answers a 58-byte URL crafted against backtracking at once, and keeps serving others meanwhile', async () => {
    const crafted = `http://${'a.'.repeat(25)}!`
    expect(crafted.length).toBe(58)
    const client = app.newClient()
    const [posted, ping] = await within(5000, Promise.all([
      client.post('/profile', { site: crafted }),
      client.get('/ping'),
    ]), 'the crafted URL and a request beside it')
    expect(posted.status).toBe(422)
    expect(posted.json()).toEqual([{ field: 'site', validation: 'url', message: 'The site field must be a valid URL.' }])
    expect(ping.status).toBe(200)
  })

  it('accepts a nested field the rules allow, and the app reads that same value', async () => {
    const answer = await app.newClient().post('/profile', { site: 'https://example.com', profile: { role: 'editor' } })
    expect(answer.json()).toEqual({ saved: { role: 'editor' }, role: 'editor' })
  })

  const smuggled: Array<[string, () => Promise<{ status: number, text: string }>]> = [
    ['a query-string key and a nested form field', () =>
      app.newClient().post('/profile?profile.role=user', 'profile%5Brole%5D=admin', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
    ['a dotted form key beside a nested one', () =>
      app.newClient().post('/profile', 'profile.role=user&profile%5Brole%5D=admin', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
    ['multipart fields', () => {
      const form = new FormData()
      form.append('profile.role', 'user')
      form.append('profile[role]', 'admin')
      return app.newClient().post('/profile', form)
    }],
    ['JSON', () =>
      app.newClient().post('/profile', JSON.stringify({ 'profile.role': 'user', profile: { role: 'admin' } }), { headers: { 'content-type': 'application/json' } })],
  ]

  for (const [source, send] of smuggled) {
    it(`checks the value the app reads when ${source} spell the same field two ways`, async () => {
      const answer = await send()
      // Either refused, or accepted with the value that was checked: never a role the rules forbid.
      expect(answer.status).toBe(422)
      expect(answer.text).not.toContain('admin"')
      expect(JSON.parse(answer.text)).toEqual([{ field: 'profile.role', validation: 'in', message: 'The profile role field must be one of: user, editor.' }])
    })
  }
})
