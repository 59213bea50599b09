/**
 * Production error pages tell the client what went wrong in its own request and nothing of
 * the server: no stack, no file paths, no session values or ids, no messages of unexpected
 * errors; in HTML and in JSON, for every kind of error.
 */
import http from 'node:http'
import path from 'node:path'
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture, removeApp, tempApp, TEST_KEY } from '../helpers/apps'
import { csrfOf } from '../helpers/html'

const REPOSITORY = path.join(__dirname, '..', '..')

/** What no production page may show. */
function leaks (text: string, secrets: string[]): string[] {
  const found: string[] = []
  if (/\n\s+at .+[(:]\d+/.test(text) || /\bat (?:Object|async|new|Function)\b/.test(text)) found.push('a stack trace')
  if (text.includes(REPOSITORY)) found.push('a file path')
  if (/\.(?:ts|js|njk)\b/.test(text)) found.push('a file name')
  for (const secret of secrets) if (secret && text.includes(secret)) found.push(`"${secret.slice(0, 20)}"`)
  return found
}

describe('Security | production error pages', () => {
  let app: AppClient
  let client: TestClient
  let secrets: string[]

  beforeAll(async () => {
    app = await testClient(fixture('hardening_app'), { config: { session: { driver: 'cookie' } }, env: { APP_KEY: TEST_KEY }, production: true })
    client = app.newClient()
    await client.get('/secret?value=session-secret-value')
    await client.get('/form')
    secrets = ['session-secret-value', ...client.jar.all().flatMap((cookie) => [cookie.value, cookie.value.split('.')[0]!])]
  })
  afterAll(() => app.close())

  it('shows a 500 that happened while the session held a secret as "Internal Server Error" alone', async () => {
    const html = await client.get('/explode')
    expect(html.status).toBe(500)
    expect(html.text).toContain('Internal Server Error')
    expect(leaks(html.text, [...secrets, 'exploded'])).toEqual([])
    expect(html.cookies).toEqual([])
    const json = await client.get('/explode', { headers: { accept: 'application/json' } })
    expect(json.json()).toEqual({ status: 500, code: 'E_HTTP_500', message: 'Internal Server Error' })
  })

  it('shows the client its own mistakes (404, 405, 400, 403, 413, 415) without anything of the server', async () => {
    const token = csrfOf((await client.get('/form')).text)
    const json = { 'content-type': 'application/json', 'x-csrf-token': token }
    const mistakes = await Promise.all([
      client.get('/nowhere/<script>'),
      client.request('PUT', '/form'),
      client.post('/echo', '{"broken": ', { headers: json }),
      client.post('/echo', `{"deep": ${'['.repeat(200)}${']'.repeat(200)}}`, { headers: json }),
      client.post('/echo', { a: 1 }),
      client.post('/echo', JSON.stringify({ big: 'x'.repeat(70_000) }), { headers: json }),
      client.post('/echo', 'x', { headers: { ...json, 'content-encoding': 'gzip' } }),
      client.post('/echo', 'x', { headers: { ...json, 'content-encoding': 'x-squeeze' } }),
    ])
    expect(mistakes.map((answer) => answer.status)).toEqual([404, 405, 400, 400, 403, 413, 400, 415])
    for (const answer of mistakes) {
      expect(leaks(answer.text, secrets)).toEqual([])
      expect(answer.text).not.toContain('<script>')
    }
  })

  it('hides a session too large for its cookie behind a plain 500', async () => {
    const token = csrfOf((await client.get('/form')).text)
    const answer = await client.post('/form', { email: 'x'.repeat(5000), _csrf: token }, { headers: { accept: 'application/json' } })
    expect(answer.status).toBe(500)
    // The error's code is shown, as for every framework error; its message (sizes, drivers) is not.
    expect(answer.json()).toEqual({ status: 500, code: 'E_SESSION_TOO_LARGE', message: 'Internal Server Error' })
    // The session is as it was: the next request works.
    expect((await client.get('/session')).json().secret).toBe('session-secret-value')
  })

  it('hides template errors', async () => {
    const core = await testClient(fixture('core_app'), { env: { APP_KEY: TEST_KEY }, production: true })
    try {
      for (const url of ['/broken-view', '/missing-view']) {
        const answer = await core.get(url)
        expect(answer.status).toBe(500)
        expect(leaks(answer.text, ['broken', 'nowhere'])).toEqual([])
      }
    } finally {
      await core.close()
    }
  })
})

/** A GET with this Host header (fetch() will not send one of its own choosing). */
function getAs (url: string, host: string): Promise<{ status: number, text: string }> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', headers: { host, accept: 'application/json' } }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => { text += chunk })
      response.on('end', () => resolve({ status: response.statusCode!, text }))
    })
    request.on('error', reject)
  })
}

describe('Security | development answers only requests that name this machine', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/', () => { throw new Error('a stack with /secret/path in it') })\n",
      'config/app.ts': "import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY'), http: { allowedHosts: ['myapp.test'] } }\n",
    })
    app = await testClient(root, { env: { APP_KEY: TEST_KEY }, production: false })
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  it('refuses another host name (DNS rebinding) with 403 and no stack', async () => {
    const answer = await getAs(app.url, 'attacker.example')
    expect(answer.status).toBe(403)
    expect(JSON.parse(answer.text).code).toBe('E_HOST_NOT_ALLOWED')
    expect(answer.text).not.toContain('/secret/path')
  })

  it('answers loopback names and http.allowedHosts, stack and all', async () => {
    for (const host of [new URL(app.url).host, `localhost:${new URL(app.url).port}`, 'app.localhost', 'myapp.test:3333']) {
      const answer = await getAs(app.url, host)
      expect({ host, status: answer.status }).toEqual({ host, status: 500 })
      expect(answer.text).toContain('/secret/path')
    }
  })

  it('answers any host name in production', async () => {
    const production = await testClient(root, { env: { APP_KEY: TEST_KEY }, production: true })
    try {
      expect((await getAs(production.url, 'www.example.com')).status).toBe(500)
    } finally {
      await production.close()
    }
  })
})
