/**
 * AdonisJs 3's request methods, over HTTP: collect, match, hasBody, fresh/stale, ips,
 * subdomains, pjax, the Accept-* negotiation, is() without a body, text and CSP bodies, and
 * Request.macro().
 */
import http from 'node:http'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { removeApp, tempApp } from '../helpers/apps'

const ROUTES = `import { Route, Request } from 'adonis-lite'
Request.macro('isAdmin', function () { return this.input('role') === 'admin' })
let refused = null
try { Request.macro('input', () => 'hijacked') } catch (error) { refused = { code: error.code, message: error.message } }
let refusedProto = null
try { Request.macro('toString', () => 'x') } catch (error) { refusedProto = error.code }

Route.post('/collect', (request, response) => {
  response.json({ rows: request.collect('username', 'email'), missing: request.collect(['password', 'name', 'username']) })
})
Route.get('/users/:id/match', (request, response) => {
  response.json({
    one: request.match('/users/:id/match'), list: request.match(['/posts/*', '/users/:id/match']),
    args: request.match('/posts/*', '/users/*'), none: request.match('/posts/:id', '/users'), optional: request.match('/users/:id/match/:tab?'),
  })
})
Route.any('/has-body', (request, response) => { response.json({ hasBody: request.hasBody() }) })
Route.get('/fresh', (request, response) => {
  response.header('ETag', '"v1"')
  response.json({ fresh: request.fresh(), stale: request.stale() })
})
Route.get('/proxy', (request, response) => { response.json({ ip: request.ip(), ips: request.ips(), subdomains: request.subdomains() }) })
Route.get('/pjax', (request, response) => { response.json({ pjax: request.pjax(), ajax: request.ajax() }) })
Route.get('/negotiate', (request, response) => {
  response.json({
    language: request.language('en'), french: request.language('fr'), languages: request.languages(),
    encoding: request.encoding('gzip', 'br'), encodings: request.encodings(), charset: request.charset(), utf8: request.charset('utf-8', 'latin1'), charsets: request.charsets(),
  })
})
Route.get('/is', (request, response) => { response.json({ html: request.is('html'), list: request.is(['json', 'html']), json: request.is('json') }) })
Route.post('/raw', (request, response) => { response.json({ raw: request.raw(), legacy: request._raw, all: request.all() }) })
Route.post('/csp', (request, response) => { response.json({ report: request.input('csp-report') }) })
Route.post('/form', (request, response) => { response.json(request.all()) })
Route.get('/macro', (request, response) => { response.json({ admin: request.isAdmin(), refused, refusedProto, input: request.input('role') }) })
`

describe('Http | the request, as AdonisJs 3 had it', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser']\n",
      'config/app.ts': "import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY'), http: { trustProxy: true, allowedHosts: ['tobi.ferrets.example.com'] } }\n",
      'start/routes.ts': ROUTES,
    })
    app = await testClient(root)
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  function plainGet (urlPath: string, headers: Record<string, string>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      http.get(new URL(urlPath, app.url), { headers }, (res) => {
        let text = ''
        res.on('data', (chunk) => { text += chunk })
        res.on('end', () => resolve(JSON.parse(text)))
      }).on('error', reject)
    })
  }

  it('v3: request.collect() zips lists of fields into rows, with null for a field that is missing', async () => {
    const answer = (await app.post('/collect', {
      username: ['virk', 'aman'], email: ['virk@example.com', 'aman@example.com'], password: ['vi', 'am'],
    }, { json: true })).json()
    expect(answer.rows).toEqual([{ username: 'virk', email: 'virk@example.com' }, { username: 'aman', email: 'aman@example.com' }])
    expect(answer.missing).toEqual([{ password: 'vi', name: null, username: 'virk' }, { password: 'am', name: null, username: 'aman' }])
  })

  it('v3: request.match() tests the path against route patterns, given as arguments or a list', async () => {
    expect((await app.get('/users/12/match')).json()).toEqual({ one: true, list: true, args: true, none: false, optional: true })
  })

  it('v3: request.hasBody() is false for a GET without a body, true for a POST with one', async () => {
    expect((await app.get('/has-body')).json()).toEqual({ hasBody: false })
    expect((await app.post('/has-body', { a: 1 })).json()).toEqual({ hasBody: true })
  })

  it("v3: request.fresh() and stale() compare the client's If-None-Match with the response's ETag", async () => {
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request, which is never fresh.
    expect(await plainGet('/fresh', { 'If-None-Match': '"v1"' })).toEqual({ fresh: true, stale: false })
    expect(await plainGet('/fresh', { 'If-None-Match': '"v0"' })).toEqual({ fresh: false, stale: true })
    expect(await plainGet('/fresh', { 'If-None-Match': '"v1"', 'Cache-Control': 'no-cache' })).toEqual({ fresh: false, stale: true })
  })

  it('v3: request.ips() lists X-Forwarded-For and request.subdomains() the host\'s subdomains, nearest first (trustProxy on)', async () => {
    const answer = (await app.get('/proxy', { headers: { 'X-Forwarded-For': '203.0.113.7, 10.0.0.2', 'X-Forwarded-Host': 'tobi.ferrets.example.com' } })).json()
    expect(answer).toEqual({ ip: '203.0.113.7', ips: ['203.0.113.7', '10.0.0.2'], subdomains: ['ferrets', 'tobi'] })
  })

  it('v3: request.pjax() tells a pjax request by its X-PJAX header', async () => {
    expect((await app.get('/pjax', { headers: { 'X-PJAX': 'true' } })).json()).toEqual({ pjax: true, ajax: false })
    expect((await app.get('/pjax')).json()).toEqual({ pjax: false, ajax: false })
  })

  it('v3: language(s), encoding(s) and charset(s) negotiate Accept-*; language("en") matches en-US', async () => {
    const answer = (await app.get('/negotiate', {
      headers: { 'Accept-Language': 'en-US, en-GB;q=0.8', 'Accept-Encoding': 'br;q=0.5, gzip', 'Accept-Charset': 'utf-8, latin1;q=0.2' },
    })).json()
    expect(answer).toEqual({
      language: 'en',
      french: false,
      languages: ['en-US', 'en-GB'],
      encoding: 'gzip',
      encodings: ['gzip', 'br', 'identity'],
      charset: 'utf-8',
      utf8: 'utf-8',
      charsets: ['utf-8', 'latin1'],
    })
  })

  it('v3: request.is() answers from the Content-Type header, even on a request without a body', async () => {
    expect((await app.get('/is', { headers: { 'Content-Type': 'text/html' } })).json()).toEqual({ html: true, list: true, json: false })
    expect((await app.get('/is')).json()).toEqual({ html: false, list: false, json: false })
  })

  it('v3: a text/plain body is kept as it came in request.raw() (request._raw), and is not input', async () => {
    const answer = (await app.post('/raw', 'hello=world & more', { headers: { 'Content-Type': 'text/plain' } })).json()
    expect(answer).toEqual({ raw: 'hello=world & more', legacy: 'hello=world & more', all: {} })
  })

  it('v3: an application/csp-report body is parsed as JSON', async () => {
    const report = { 'csp-report': { 'document-uri': 'https://example.com/', 'violated-directive': 'script-src' } }
    const answer = (await app.post('/csp', JSON.stringify(report), { headers: { 'Content-Type': 'application/csp-report' } })).json()
    expect(answer.report).toEqual(report['csp-report'])
  })

  it('v3: user[email[]] in a urlencoded form is user.email, a list', async () => {
    const body = 'user%5Bname%5D=Ann&user%5Bemail%5B%5D%5D=a%40example.com&user[email[]]=b%40example.com&tags[]=x'
    const answer = (await app.post('/form', body, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).json()
    expect(answer).toEqual({ user: { name: 'Ann', email: ['a@example.com', 'b@example.com'] }, tags: ['x'] })
  })

  it('v3: Request.macro() adds a method to every request, and refuses to replace a built-in one', async () => {
    const answer = (await app.get('/macro?role=admin')).json()
    expect(answer.admin).toBe(true)
    expect(answer.input).toBe('admin')
    expect(answer.refused.code).toBe('E_INVALID_MACRO')
    expect(answer.refused.message).toContain("Request.macro('input')")
    expect(answer.refusedProto).toBe('E_INVALID_MACRO')
  })
})
