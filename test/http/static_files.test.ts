/**
 * Files of public/ as browsers and caches expect them: Last-Modified and an ETag, 304 for a
 * copy that is still current, Cache-Control from config/app.ts (a year and immutable for a
 * fingerprinted name), and, with http.compression on, gzip or brotli for text answers above the
 * threshold, never for types that are compressed already.
 */
import http from 'node:http'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { removeApp, tempApp, TEST_KEY } from '../helpers/apps'

const CSS = `body { color: #222; }\n${'.rule { margin: 0 auto; }\n'.repeat(200)}`

/** A GET through node:http, which sends conditional headers as given (fetch() decides for itself). */
function plainGet (url: string, headers: Record<string, string>): Promise<{ status: number, text: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => { text += chunk })
      response.on('end', () => resolve({ status: response.statusCode!, text }))
    }).on('error', reject)
  })
}

function appWith (http: string, statics = '') {
  return tempApp({
    'config/app.ts': `import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY'), http: ${http}${statics ? `, static: ${statics}` : ''} }\n`,
    'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/page', (request, response) => { response.send('<p>' + 'words '.repeat(500) + '</p>') })\nRoute.get('/tiny', (request, response) => { response.send('ok') })\n",
    'public/site.css': CSS,
    'public/app.3f9a1c2b.js': 'console.log(1)\n',
    'public/photo.png': Buffer.alloc(4000, 7).toString('latin1'),
  })
}

describe('Http | static files and caching', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = appWith('{}', '{ maxAge: 60 }')
    app = await testClient(root, { env: { APP_KEY: TEST_KEY }, production: true })
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  it('sends Last-Modified, an ETag and the configured Cache-Control', async () => {
    const css = await app.get('/site.css')
    expect(css.status).toBe(200)
    expect(css.headers.etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/)
    expect(new Date(css.headers['last-modified']!).getTime()).toBeGreaterThan(0)
    expect(css.headers['cache-control']).toBe('max-age=60')
  })

  it('answers 304 without a body to If-None-Match and If-Modified-Since of the current version', async () => {
    const first = await app.get('/site.css')
    const byTag = await plainGet(`${app.url}/site.css`, { 'if-none-match': first.headers.etag! })
    expect(byTag.status).toBe(304)
    expect(byTag.text).toBe('')
    const byDate = await plainGet(`${app.url}/site.css`, { 'if-modified-since': first.headers['last-modified']! })
    expect(byDate.status).toBe(304)
    const stale = await plainGet(`${app.url}/site.css`, { 'if-none-match': 'W/"0-0"' })
    expect(stale.status).toBe(200)
    expect(stale.text).toBe(CSS)
  })

  it('caches a fingerprinted file for a year, immutable', async () => {
    expect((await app.get('/app.3f9a1c2b.js')).headers['cache-control']).toBe('max-age=31536000,immutable')
  })

  it('leaves answers uncompressed unless http.compression is on', async () => {
    const css = await app.get('/site.css', { headers: { 'accept-encoding': 'gzip, br' } })
    expect(css.headers['content-encoding']).toBeUndefined()
  })
})

describe('Http | compression', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = appWith('{ compression: { threshold: 1000 } }')
    app = await testClient(root, { env: { APP_KEY: TEST_KEY }, production: true })
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  it('compresses text answers above the threshold with gzip or brotli, as the client asks', async () => {
    const gzip = await app.get('/page', { headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i)
    expect(gzip.text).toContain('words words')
    const br = await app.get('/site.css', { headers: { 'accept-encoding': 'br' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.text).toBe(CSS)
  })

  it('sends small answers, compressed types and clients that ask for none as they are', async () => {
    expect((await app.get('/tiny', { headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).toBeUndefined()
    expect((await app.get('/photo.png', { headers: { 'accept-encoding': 'gzip, br' } })).headers['content-encoding']).toBeUndefined()
    expect((await app.get('/page', { headers: { 'accept-encoding': 'identity' } })).headers['content-encoding']).toBeUndefined()
  })
})
