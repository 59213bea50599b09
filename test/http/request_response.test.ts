import fs from 'node:fs'
import path from 'node:path'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture, removeApp, tempApp } from '../helpers/apps'

describe('Http | request', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('core_app')) })
  afterAll(() => client.close())

  it('reads the query, headers and connection details', async () => {
    const answer = (await client.get('/request?a[b]=1&c=2&d=3', { headers: { 'x-custom': 'yes', 'x-requested-with': 'XMLHttpRequest', accept: 'application/json' } })).json()
    expect(answer).toEqual({
      input: '1',
      missing: 'fallback',
      only: { a: { b: '1' }, c: '2' },
      except: { a: { b: '1' }, d: '3' },
      method: 'GET',
      url: '/request',
      originalUrl: '/request?a[b]=1&c=2&d=3',
      header: 'yes',
      headerDefault: 'none',
      is: false,
      accepts: 'json',
      ajax: true,
      ip: '127.0.0.1',
      hostname: '127.0.0.1',
      secure: false,
      params: {},
    })
  })

  it('merges the body over the query in all(), for forms and JSON', async () => {
    const form = (await client.post('/echo?q=1&name=query', { name: 'body', nested: { deep: 'x' } })).json()
    expect(form).toEqual({ all: { q: '1', name: 'body', nested: { deep: 'x' } }, post: { name: 'body', nested: { deep: 'x' } }, get: { q: '1', name: 'query' } })
    const json = (await client.post('/echo', { list: [1, 2], flag: true }, { json: true })).json()
    expect(json.post).toEqual({ list: [1, 2], flag: true })
  })

  it('drops body keys that could reach a prototype', async () => {
    const json = await client.post('/echo', '{"__proto__": {"polluted": true}, "ok": 1}', { headers: { 'content-type': 'application/json' } })
    expect(json.status).toBe(200)
    expect(json.json().post).toEqual({ ok: 1 })
    const form = await client.post('/echo', '__proto__[polluted]=1&constructor[prototype][x]=1&ok=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(form.json().post).toEqual({ ok: '1' })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('answers 400 for a malformed JSON or form body', async () => {
    const answer = await client.post('/echo', '{"broken": ', { headers: { 'content-type': 'application/json', accept: 'application/json' } })
    expect(answer.status).toBe(400)
    expect(answer.json().code).toBe('E_MALFORMED_BODY')
  })

  it('answers 413 for a body over the limit, and keeps serving', async () => {
    const big = 'x'.repeat(5000)
    const answer = await client.post('/echo', { big }, { headers: { accept: 'application/json' } })
    expect(answer.status).toBe(413)
    expect(answer.json().code).toBe('E_BODY_TOO_LARGE')
    expect((await client.get('/plain')).text).toBe('plain ok')
  })
})

describe('Http | response', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('core_app')) })
  afterAll(() => client.close())

  it('chains status and headers', async () => {
    const answer = await client.get('/status')
    expect(answer.status).toBe(201)
    expect(answer.headers['x-made']).toBe('yes')
    expect(answer.json()).toEqual({ made: true })
  })

  it.each([
    ['ok', 200], ['created', 201], ['badRequest', 400], ['unauthorized', 401], ['forbidden', 403],
    ['notFound', 404], ['conflict', 409], ['unprocessableEntity', 422],
  ])('%s() answers %i with the body', async (kind, status) => {
    const answer = await client.get(`/descriptive/${kind}`)
    expect(answer.status).toBe(status)
    expect(answer.json()).toEqual({ kind })
  })

  it('noContent() answers 204 without a body', async () => {
    const answer = await client.get('/no-content')
    expect(answer.status).toBe(204)
    expect(answer.text).toBe('')
  })

  it("redirect('back') goes to a same-origin Referer only", async () => {
    const same = await client.get('/redirect-back', { headers: { referer: `${client.url}/cart?x=1` } })
    expect(same.location).toBe(`${client.url}/cart?x=1`)
    const other = await client.get('/redirect-back', { headers: { referer: 'https://evil.example/phish' } })
    expect(other.location).toBe(`${client.url}/`)
    const none = await client.get('/redirect-back')
    expect(none.location).toBe(`${client.url}/`)
    const bogus = await client.get('/redirect-back', { headers: { referer: 'not a url' } })
    expect(bogus.location).toBe(`${client.url}/`)
  })

  it('redirects with the given status', async () => {
    const answer = await client.get('/redirect-301')
    expect(answer.status).toBe(301)
    expect(new URL(answer.location!).pathname).toBe('/elsewhere')
  })

  it('sets encrypted cookies that only this app can read', async () => {
    const set = await client.get('/cookies/set')
    const prefs = set.cookies.find((cookie) => cookie.name === 'prefs')!
    expect(prefs.value).not.toContain('dark')
    expect(prefs.httpOnly).toBe(true)
    expect(prefs.sameSite).toBe('Lax')
    const read = (await client.get('/cookies/read')).json()
    expect(read).toEqual({ prefs: { theme: 'dark' }, plain: 'visible', all: { prefs: { theme: 'dark' } } })
  })

  it('ignores a tampered encrypted cookie', async () => {
    const other = client.newClient()
    await other.get('/cookies/set')
    const value = other.jar.get('prefs')!.value
    other.jar.set('prefs', value.slice(0, -2) + (value.endsWith('A') ? 'BB' : 'AA'))
    expect((await other.get('/cookies/read')).json().prefs).toBeNull()
  })

  it('clears a cookie', async () => {
    const other = client.newClient()
    await other.get('/cookies/set')
    await other.get('/cookies/clear')
    expect(other.jar.get('prefs')).toBeUndefined()
  })

  it('sends files, as downloads or attachments', async () => {
    const download = await client.get('/download')
    expect(download.headers['content-type']).toMatch(/text\/css/)
    expect(download.text).toContain('color: red')
    const attachment = await client.get('/attachment')
    expect(attachment.headers['content-disposition']).toBe('attachment; filename="styles.css"')
  })
})

describe('Http | static files', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('core_app')) })
  afterAll(() => client.close())

  it('serves files from public/', async () => {
    const css = await client.get('/site.css')
    expect(css.status).toBe(200)
    expect(css.headers['content-type']).toMatch(/text\/css/)
  })

  it('never serves dotfiles or paths outside public/', async () => {
    expect((await client.get('/.hidden')).status).toBe(404)
    expect((await client.get('/..%2Fconfig%2Fapp.ts')).status).toBe(404)
    expect((await client.get('/%2e%2e/config/app.ts')).status).toBe(404)
  })

  it('never follows a link in public/ that leads out of it, and follows one that stays inside', async () => {
    const root = tempApp({ 'public/css/site.css': 'body {}', 'secret.txt': 'outside public' })
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'public', 'leak.txt'))
    fs.symlinkSync('/etc', path.join(root, 'public', 'etc'))
    fs.symlinkSync(path.join(root, 'public', 'css', 'site.css'), path.join(root, 'public', 'alias.css'))
    const app = await testClient(root)
    try {
      expect((await app.get('/leak.txt')).status).toBe(404)
      expect((await app.get('/etc/passwd')).status).toBe(404)
      expect((await app.get('/etc/')).status).toBe(404)
      const alias = await app.get('/alias.css')
      expect(alias.status).toBe(200)
      expect(alias.text).toBe('body {}')
    } finally {
      await app.close()
      removeApp(root)
    }
  })
})
