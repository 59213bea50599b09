/**
 * AdonisJs 3's middleware model (src/Middleware, src/Server and their specs), over HTTP:
 * parameters after next, the .middlewares() alias, route middleware before group middleware,
 * a middleware listed twice, and global middleware on requests no route matches.
 */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { bootError, fixture } from '../helpers/apps'

describe('Routing | v3 middleware', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('routes_app')) })
  afterAll(() => client.close())

  const trail = async (path: string): Promise<string[]> => {
    const answer = await client.get(path)
    expect(answer.status).toBe(200)
    return answer.json().trail
  }

  it('v3: named middleware without parameters gets handle(request, response, next) only', async () => {
    expect(await trail('/params/none')).toEqual(['auth()'])
  })

  it("v3: 'auth:basic' passes 'basic' after next", async () => {
    expect(await trail('/params/one')).toEqual(['auth(basic)'])
  })

  it("v3: 'auth:api,session' passes each comma-separated parameter as its own argument, to async and plain middleware alike", async () => {
    expect(await trail('/params/many')).toEqual(['auth(api,session)', 'plain(x)'])
  })

  it('v3: .middlewares() is the alias of .middleware(), in varargs form', async () => {
    expect(await trail('/alias')).toEqual(['route', 'plain()'])
  })

  it("v3: a route's own middleware runs before its group's, an inner group's before an outer group's", async () => {
    expect(await trail('/order')).toEqual(['route', 'outer'])
    expect(await trail('/order/nested')).toEqual(['route', 'inner', 'outer'])
  })

  it('v3: a middleware listed by the route and its group runs once, where first listed, with the parameters given last', async () => {
    expect(await trail('/twice')).toEqual(['auth(group)', 'route'])
  })

  it('v3: global middleware runs on a request no route matches, and may answer its 404', async () => {
    const custom = await client.get('/missing/page')
    expect(custom.status).toBe(404)
    expect(custom.headers['x-logged']).toBe('GET /missing/page')
    expect(custom.json()).toEqual({ missing: '/missing/page', body: {}, session: {} })
    const plain = await client.get('/nowhere', { headers: { accept: 'application/json' } })
    expect(plain.status).toBe(404)
    expect(plain.headers['x-logged']).toBe('GET /nowhere')
    expect(plain.json().code).toBe('E_ROUTE_NOT_FOUND')
  })

  it('reads no body and starts no session for a visitor on a path no route knows, global BodyParser or not', async () => {
    const answer = await client.post('/missing/form', { secret: 'x'.repeat(1000) })
    expect(answer.status).toBe(404)
    expect(answer.json().body).toEqual({})
    expect(answer.cookies).toEqual([])
  })

  it('v3: global middleware also runs before a 405 and an OPTIONS answer', async () => {
    const wrongVerb = await client.delete('/users')
    expect(wrongVerb.status).toBe(405)
    expect(wrongVerb.headers['x-logged']).toBe('DELETE /users')
    const options = await client.options('/users')
    expect(options.status).toBe(204)
    expect(options.headers.allow).toBe('HEAD, GET')
    expect(options.headers['x-logged']).toBe('OPTIONS /users')
  })
})

/** Boots an app whose routes file is `routes` and returns the error the boot fails with. */
function routesBootError (routes: string): ReturnType<typeof bootError> {
  return bootError({
    'app/Http/kernel.ts': "export const namedMiddleware = { parser: 'Adonis/Middleware/BodyParser' }\n",
    'start/routes.ts': `import { Route } from 'adonis-lite'\n${routes}\n`,
  })
}

describe('Routing | v3 middleware mistakes stop the boot', () => {
  it('v3: an unknown named middleware, parameters and all, names app/Http/kernel.ts', async () => {
    const error = await routesBootError("Route.get('/', () => 'ok').middleware('auth:api')")
    expect(error.code).toBe('E_UNKNOWN_NAMED_MIDDLEWARE')
    expect(error.message).toMatch(/middleware 'auth', which is not in namedMiddleware of app\/Http\/kernel\.ts \(known: parser\)/)
  })

  it('refuses parameters given to a built-in middleware, which takes none', async () => {
    const error = await routesBootError("Route.get('/', () => 'ok').middleware('parser:json')")
    expect(error.code).toBe('E_MIDDLEWARE_TAKES_NO_PARAMS')
    expect(error.message).toContain("gives parameters to 'parser', but Adonis/Middleware/BodyParser takes none")
  })
})
