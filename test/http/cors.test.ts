/**
 * 'Adonis/Middleware/Cors' as AdonisJs 3 configured it (config/cors.js: origin, methods,
 * headers, exposeHeaders, credentials, maxAge), in a fixture app whose kernel lists it first,
 * as a stock v3 kernel does.
 */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { boot } from 'adonis-lite'
import { fixture, removeApp, tempApp, TEST_KEY } from '../helpers/apps'

const PREFLIGHT = { origin: 'http://spa.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type, x-xsrf-token' }

describe('Cors | v3 config/cors.js', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(fixture('v3_shield_app')) })
  afterAll(() => app.close())

  it('v3: a stock v3 kernel with Adonis/Middleware/Cors first boots, and answers a preflight 204 before routing, reading no session', async () => {
    const answer = await app.newClient().options('/api/items/7', { headers: PREFLIGHT })
    expect(answer.status).toBe(204)
    expect(answer.headers['access-control-allow-origin']).toBe('http://spa.example')
    expect(answer.headers['access-control-allow-methods']).toBe('GET, PUT, POST')
    expect(answer.headers['access-control-allow-headers']).toBe('content-type, x-xsrf-token')
    expect(answer.headers['access-control-allow-credentials']).toBe('true')
    expect(answer.headers['access-control-max-age']).toBe('90')
    expect(answer.headers.vary).toMatch(/Origin/)
    // Nothing of Shield or the session ran: no cookie, no security headers of routed requests.
    expect(answer.cookies).toEqual([])
    expect(answer.headers['x-frame-options']).toBeUndefined()
  })

  it('v3: answers a preflight for a path no route serves too (the real request then gets its 404, with CORS headers)', async () => {
    expect((await app.newClient().options('/nowhere', { headers: PREFLIGHT })).status).toBe(204)
    const missing = await app.newClient().get('/nowhere', { headers: { origin: 'http://spa.example' } })
    expect(missing.status).toBe(404)
    expect(missing.headers['access-control-allow-origin']).toBe('http://spa.example')
  })

  it('v3: gives a listed origin its CORS headers and exposeHeaders on simple requests, and an unlisted origin none', async () => {
    const listed = await app.newClient().get('/api/items', { headers: { origin: 'http://admin.example' } })
    expect(listed.headers['access-control-allow-origin']).toBe('http://admin.example')
    expect(listed.headers['access-control-expose-headers']).toBe('X-Total-Count')
    expect(listed.headers['access-control-allow-credentials']).toBe('true')
    expect(listed.headers['access-control-allow-methods']).toBeUndefined()
    const other = await app.newClient().get('/api/items', { headers: { origin: 'http://evil.example' } })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    expect(other.headers['access-control-allow-credentials']).toBeUndefined()
    expect((await app.newClient().options('/api/items', { headers: { ...PREFLIGHT, origin: 'http://evil.example' } })).headers['access-control-allow-origin']).toBeUndefined()
  })

  it('v3: an OPTIONS request that is not a preflight gets the route\'s Allow answer', async () => {
    const answer = await app.newClient().options('/api/items')
    expect(answer.status).toBe(204)
    expect(answer.headers.allow).toMatch(/GET/)
  })
})

describe('Cors | origin, headers and off', () => {
  const cases: Array<[string, Record<string, unknown>, string, string | undefined]> = [
    ['origin: true reflects the request origin', { origin: true }, 'http://any.example', 'http://any.example'],
    ["origin: '*' allows any", { origin: '*', credentials: false }, 'http://any.example', '*'],
    ['origin as a function receives the request origin and answers true', { origin: (given: string) => given.endsWith('.trusted.example') }, 'http://app.trusted.example', 'http://app.trusted.example'],
    ['origin as a function answering false', { origin: (given: string) => given.endsWith('.trusted.example') }, 'http://evil.example', undefined],
    ['origin as a function answering a string', { origin: () => 'http://a.example, http://b.example' }, 'http://b.example', 'http://b.example'],
  ]
  it.each(cases)('v3: %s', async (_title, cors, requestOrigin, expected) => {
    const app = await testClient(fixture('v3_shield_app'), { config: { cors } })
    try {
      const answer = await app.newClient().options('/api/items', { headers: { ...PREFLIGHT, origin: requestOrigin } })
      expect(answer.status).toBe(204)
      expect(answer.headers['access-control-allow-origin']).toBe(expected)
    } finally {
      await app.close()
    }
  })

  it('v3: headers: false sends no Access-Control-Allow-Headers, a list sends the list', async () => {
    const none = await testClient(fixture('v3_shield_app'), { config: { cors: { headers: false } } })
    const listed = await testClient(fixture('v3_shield_app'), { config: { cors: { headers: ['Content-Type', 'X-XSRF-TOKEN'] } } })
    try {
      expect((await none.newClient().options('/api/items', { headers: PREFLIGHT })).headers['access-control-allow-headers']).toBeUndefined()
      expect((await listed.newClient().options('/api/items', { headers: PREFLIGHT })).headers['access-control-allow-headers']).toBe('Content-Type, X-XSRF-TOKEN')
    } finally {
      await Promise.all([none.close(), listed.close()])
    }
  })

  it('v3: origin: false (the scaffold default) turns Cors off: no CORS headers, OPTIONS goes to routing', async () => {
    const app = await testClient(fixture('v3_shield_app'), { config: { cors: { origin: false } } })
    try {
      const preflight = await app.newClient().options('/api/items', { headers: PREFLIGHT })
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
      expect(preflight.headers.allow).toMatch(/GET/)
    } finally {
      await app.close()
    }
  })
})

describe('Cors | boot errors', () => {
  const kernel = "export const globalMiddleware = ['Adonis/Middleware/Cors']\n"
  const roots: string[] = []
  afterAll(() => roots.forEach(removeApp))
  const bootWith = (files: Record<string, string>) => {
    const root = tempApp(files)
    roots.push(root)
    return () => boot({ root, config: { app: { appKey: TEST_KEY } } })
  }

  it('v3: refuses origin "*" with credentials, naming config/cors.js and the key', () => {
    expect(bootWith({ 'app/Http/kernel.ts': kernel, 'config/cors.js': "module.exports = { origin: '*', credentials: true }\n" }))
      .toThrow(/config\/cors\.js: origin is '\*' with credentials: true/)
  })

  it('v3: refuses an unknown key of config/cors.ts, naming the file that exists', () => {
    expect(bootWith({ 'app/Http/kernel.ts': kernel, 'config/cors.ts': 'export default { origin: true, maxage: 5 }\n' }))
      .toThrow(/config\/cors\.ts: maxage is not a key this file knows/)
  })

  it('refuses Cors in namedMiddleware: it answers preflights, which reach no route middleware', () => {
    expect(bootWith({ 'app/Http/kernel.ts': "export const namedMiddleware = { cors: 'Adonis/Middleware/Cors' }\n" }))
      .toThrow(/belongs in globalMiddleware/)
  })
})
