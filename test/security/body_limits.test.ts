/**
 * The limits request bodies are held to, at their edges: how deep JSON may nest, which
 * numbers it may hold, which keys survive, how much a multipart form's fields may weigh
 * together, and what a body that is not what its headers say gets.
 */
import net from 'node:net'
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture, removeApp, tempApp, TEST_KEY } from '../helpers/apps'
import { csrfOf } from '../helpers/html'

/** The hardening fixture's config/bodyParser.js. */
const FORM_LIMIT = 64 * 1024

describe('Security | body limits', () => {
  let app: AppClient
  let client: TestClient
  let token: string
  beforeAll(async () => {
    app = await testClient(fixture('hardening_app'), { env: { APP_KEY: TEST_KEY }, production: true })
    client = app.newClient()
    token = csrfOf((await client.get('/form')).text)
  })
  afterAll(() => app.close())

  const echoJson = (json: string) => client.post('/echo', json, { headers: { 'content-type': 'application/json', 'x-csrf-token': token, accept: 'application/json' } })
  /** A JSON object holding `levels` levels of containers in all. */
  const nested = (levels: number) => `{"a":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`

  it('accepts JSON nested 100 levels deep and refuses 101 with 400', async () => {
    expect((await echoJson(nested(100))).status).toBe(200)
    const deeper = await echoJson(nested(101))
    expect(deeper.status).toBe(400)
    expect(deeper.json().message).toBe('Malformed JSON body: it nests deeper than 100 levels')
  })

  it('refuses JSON numbers out of range with 400, and keeps large finite ones', async () => {
    for (const number of ['1e999', '-1e999', '1E400']) expect((await echoJson(`{"n": ${number}}`)).status).toBe(400)
    expect((await echoJson('{"n": 1.7976931348623157e308, "big": 123456789012345678901234567890}')).json().all).toEqual({ n: 1.7976931348623157e308, big: Number('123456789012345678901234567890') })
  })

  it('drops JSON keys that name members of Object.prototype, as forms do', async () => {
    const answer = await echoJson('{"__proto__": {"x": 1}, "constructor": {"prototype": {"y": 1}}, "toString": "", "valueOf": 1, "nested": {"hasOwnProperty": 1, "kept": true}, "list": [{"toString": 1}]}')
    expect(answer.json()).toEqual({ all: { nested: { kept: true }, list: [{}] }, junk: [] })
    const form = await client.post('/echo', `toString=1&valueOf=2&a[constructor]=3&kept=4&_csrf=${token}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(form.json().all).toEqual({ kept: '4', _csrf: token })
  })

  it('drops the same keys from query strings, flat or nested', async () => {
    for (const query of ['toString=1&valueOf=2&hasOwnProperty=3&__proto__=4&constructor=5&kept=6', 'toString=1&valueOf=2&hasOwnProperty=3&__proto__[x]=4&kept=6']) {
      const answer = await client.post(`/echo?${query}`, { _csrf: token })
      expect(answer.json()).toEqual({ all: { kept: '6', _csrf: token }, junk: [] })
    }
  })

  it('refuses a multipart form whose fields weigh more than formLimit together, as a urlencoded one', async () => {
    const multipart = (fields: number, size: number) => {
      const parts = Array.from({ length: fields }, (_, index) => `--B\r\nContent-Disposition: form-data; name="f${index}"\r\n\r\n${'x'.repeat(size)}\r\n`)
      return `--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n${parts.join('')}--B--\r\n`
    }
    const headers = { 'content-type': 'multipart/form-data; boundary=B', accept: 'application/json' }
    expect((await client.post('/echo', multipart(2, FORM_LIMIT / 4), { headers })).status).toBe(200)
    const heavy = await client.post('/echo', multipart(8, FORM_LIMIT / 4), { headers })
    expect(heavy.status).toBe(413)
    expect(heavy.json().code).toBe('E_BODY_TOO_LARGE')
    const urlencoded = await client.post('/echo', `a=${'x'.repeat(FORM_LIMIT)}&_csrf=${token}`, { headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } })
    expect(urlencoded.status).toBe(413)
  })
})

describe('Security | slow requests', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.post('/', (request, response) => { response.json(request.all()) })\n",
      'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser']\n",
      'config/app.ts': "import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY'), http: { requestTimeout: 600, headersTimeout: 300 } }\n",
    })
    app = await testClient(root, { env: { APP_KEY: TEST_KEY }, production: true })
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  /** Sends `first` at once, then `rest` a byte every 50 ms; resolves with what came back and when the connection closed. */
  function trickle (first: string, rest: string): Promise<{ answer: string, closedAfterMs: number }> {
    return new Promise((resolve) => {
      const started = Date.now()
      const socket = net.connect(Number(new URL(app.url).port), '127.0.0.1')
      let answer = ''
      socket.write(first)
      const bytes = [...rest]
      const timer = setInterval(() => { if (bytes.length > 0 && !socket.destroyed) socket.write(bytes.shift()!) }, 50)
      socket.on('data', (chunk) => { answer += chunk.toString('latin1') })
      socket.on('error', () => undefined)
      socket.on('close', () => {
        clearInterval(timer)
        resolve({ answer, closedAfterMs: Date.now() - started })
      })
    })
  }

  it('ends a request whose body trickles in past http.requestTimeout with 408', async () => {
    const body = 'a=' + 'x'.repeat(100)
    const { answer, closedAfterMs } = await trickle(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`, body)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(closedAfterMs).toBeGreaterThanOrEqual(600)
    expect(closedAfterMs).toBeLessThan(5000)
  })

  it('ends a request whose headers trickle in past http.headersTimeout', async () => {
    const { answer, closedAfterMs } = await trickle('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n', `X-Slow: ${'y'.repeat(100)}\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(closedAfterMs).toBeLessThan(5000)
  })
})
