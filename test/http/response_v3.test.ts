/**
 * AdonisJs 3's response methods, over HTTP: the descriptive status helpers, jsonp with a safe
 * callback name, location, vary, view() rendering to a string, isPending/finished/headersSent,
 * and Response.macro().
 */
import http from 'node:http'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { STATUS_METHODS } from '../../framework/http/response_status'
import { removeApp, tempApp } from '../helpers/apps'

const ROUTES = `import { Route, Response } from 'adonis-lite'
Response.macro('sendCsv', function (rows) {
  this.header('Content-Type', 'text/csv')
  return this.send(rows.map((row) => row.join(',')).join('\\n'))
})
const refused = []
for (const name of ['send', 'notFound', 'isPending']) {
  try { Response.macro(name, () => null) } catch (error) { refused.push(error.code) }
}
Route.get('/status/:name', (request, response) => { response[request.param('name')]({ helper: request.param('name') }) })
Route.get('/jsonp', (request, response) => { response.jsonp({ user: 'virk', line: '\\u2028' }) })
Route.get('/jsonp-named', (request, response) => { response.jsonp({ a: 1 }, 'app.handlers[0]') })
Route.get('/location', (request, response) => { response.location(request.input('to')).status(201).send('') })
Route.get('/vary', (request, response) => { response.vary('Accept').vary('Accept').vary('Origin').send('ok') })
Route.get('/view', function * (request, response) {
  const html = yield response.view('hello', { name: request.input('name') })
  response.json({ html })
})
Route.get('/pending', (request, response) => {
  response.json({ isPending: response.isPending, finished: response.finished, headersSent: response.headersSent })
})
Route.get('/csv', (request, response) => { response.sendCsv([['a', 'b'], ['1', '2']]) })
Route.get('/refused', (request, response) => { response.json(refused) })
`

describe('Http | the response, as AdonisJs 3 had it', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'resources/views/hello.njk': 'Hello {{ name }}!',
      'start/routes.ts': ROUTES,
    })
    app = await testClient(root)
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  function plainGet (urlPath: string): Promise<{ status: number, text: string }> {
    return new Promise((resolve, reject) => {
      http.get(new URL(urlPath, app.url), (res) => {
        let text = ''
        res.on('data', (chunk) => { text += chunk })
        res.on('end', () => resolve({ status: res.statusCode!, text }))
      }).on('error', reject)
    })
  }

  it('v3: every descriptive status method (ok, created, badRequest, unauthorized, forbidden, notFound, internalServerError...) sets its status and sends the body', async () => {
    for (const [name, status] of Object.entries(STATUS_METHODS)) {
      // node:http, not fetch: fetch fails on a 407 (it expects one only from a proxy).
      const answer = await plainGet(`/status/${name}`)
      expect([name, answer.status]).toEqual([name, status])
      expect([name, answer.text]).toEqual([name, [204, 205, 304].includes(status) ? '' : JSON.stringify({ helper: name })])
    }
    expect(STATUS_METHODS).toMatchObject({ ok: 200, created: 201, badRequest: 400, unauthorized: 401, forbidden: 403, notFound: 404, internalServerError: 500 })
  })

  it('v3: response.jsonp() wraps the JSON in the ?callback= function, as JavaScript', async () => {
    const answer = await app.get('/jsonp?callback=handle')
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.text).toBe('/**/ typeof handle === \'function\' && handle({"user":"virk","line":"\\u2028"});')
  })

  it('v3: response.jsonp() keeps only [A-Za-z0-9_$.[\\]] of a callback name, so a hostile one cannot inject script', async () => {
    const answer = await app.get(`/jsonp?callback=${encodeURIComponent('alert(1);</script><script>x')}`)
    expect(answer.text).toBe('/**/ typeof alert1scriptscriptx === \'function\' && alert1scriptscriptx({"user":"virk","line":"\\u2028"});')
    expect((await app.get('/jsonp-named')).text).toBe('/**/ typeof app.handlers[0] === \'function\' && app.handlers[0]({"a":1});')
    // Without a name left, plain JSON.
    const plain = await app.get(`/jsonp?callback=${encodeURIComponent('();')}`)
    expect(plain.headers['content-type']).toContain('application/json')
  })

  it("v3: response.location() sets the Location header; 'back' is the Referer when it is this site's", async () => {
    expect((await app.get('/location?to=/users/1')).headers.location).toBe('/users/1')
    expect((await app.get('/location?to=back', { headers: { Referer: 'https://evil.example/' } })).headers.location).toBe('/')
    expect((await app.get('/location?to=back', { headers: { Referer: `${app.url}/from?a=1` } })).headers.location).toBe('/from?a=1')
  })

  it('v3: response.vary() adds a field to Vary once', async () => {
    expect((await app.get('/vary')).headers.vary).toBe('Accept, Origin')
  })

  it('v3: yield response.view(name, data) renders a view to a string, escaped, without sending it', async () => {
    expect((await app.get('/view?name=<b>Ann</b>')).json()).toEqual({ html: 'Hello &lt;b&gt;Ann&lt;/b&gt;!' })
  })

  it('v3: response.isPending is true while nothing is sent; finished and headersSent are false', async () => {
    expect((await app.get('/pending')).json()).toEqual({ isPending: true, finished: false, headersSent: false })
  })

  it('v3: Response.macro() adds a method to every response, and refuses built-in ones (status helpers included)', async () => {
    const csv = await app.get('/csv')
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.text).toBe('a,b\n1,2')
    expect((await app.get('/refused')).json()).toEqual(['E_INVALID_MACRO', 'E_INVALID_MACRO', 'E_INVALID_MACRO'])
  })
})
