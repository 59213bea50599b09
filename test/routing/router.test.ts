import fc from 'fast-check'
import { Router } from '../../framework/routing/router'
import type { Verb } from '../../framework/routing/types'

type Definition = [Verb[], string]

function routerOf (definitions: Definition[]): Router<number> {
  const router = new Router<number>()
  definitions.forEach(([methods, pattern], index) => {
    router.add({ methods, pattern, name: null, handler: `Handler${index}.run`, middleware: [], payload: index })
  })
  return router
}

/** Which route answers, with its params, or the verbs allowed. */
function answer (router: Router<number>, method: string, path: string) {
  const found = router.match(method, path)
  return found.route ? { route: found.route.payload, params: found.params } : { allowed: found.allowed }
}

describe('Routing | Router.match', () => {
  it('gives the first defined route where a param and a literal overlap, whichever comes first', () => {
    const paramFirst = routerOf([[['GET'], '/users/:id'], [['GET'], '/users/create']])
    expect(answer(paramFirst, 'GET', '/users/create')).toEqual({ route: 0, params: { id: 'create' } })
    const literalFirst = routerOf([[['GET'], '/users/create'], [['GET'], '/users/:id']])
    expect(answer(literalFirst, 'GET', '/users/create')).toEqual({ route: 0, params: {} })
    expect(answer(literalFirst, 'GET', '/users/7')).toEqual({ route: 1, params: { id: '7' } })
  })

  it('gives the first defined route when the overlap is deeper than the first segment', () => {
    const router = routerOf([[['GET'], '/a/:x/c'], [['GET'], '/a/b/:y']])
    expect(answer(router, 'GET', '/a/b/c')).toEqual({ route: 0, params: { x: 'b' } })
    expect(answer(router, 'GET', '/a/b/d')).toEqual({ route: 1, params: { y: 'd' } })
  })

  it('skips a route of another verb and takes the next one that matches', () => {
    const router = routerOf([[['POST'], '/items/:id'], [['GET'], '/items/:slug']])
    expect(answer(router, 'GET', '/items/9')).toEqual({ route: 1, params: { slug: '9' } })
  })

  it('lists every verb the path allows, in definition order, when none matches the request', () => {
    const router = routerOf([[['GET'], '/things/:id'], [['PUT', 'PATCH'], '/things/:id'], [['DELETE'], '/things/:name']])
    expect(answer(router, 'POST', '/things/1')).toEqual({ allowed: ['HEAD', 'GET', 'PUT', 'PATCH', 'DELETE'] })
    expect(answer(router, 'POST', '/nothing/1')).toEqual({ allowed: [] })
  })

  it('answers HEAD with the GET route', () => {
    expect(answer(routerOf([[['GET'], '/page']]), 'HEAD', '/page')).toEqual({ route: 0, params: {} })
  })

  it('matches an optional param with and without its segment, and no further', () => {
    const router = routerOf([[['GET'], '/posts/:slug?'], [['GET'], '/posts/:slug/comments']])
    expect(answer(router, 'GET', '/posts')).toEqual({ route: 0, params: {} })
    expect(answer(router, 'GET', '/posts/hello')).toEqual({ route: 0, params: { slug: 'hello' } })
    expect(answer(router, 'GET', '/posts/hello/comments')).toEqual({ route: 1, params: { slug: 'hello' } })
    expect(answer(router, 'GET', '/posts/hello/other')).toEqual({ allowed: [] })
  })

  it('matches an optional param in the middle of a pattern', () => {
    const router = routerOf([[['GET'], '/shop/:category?/items']])
    expect(answer(router, 'GET', '/shop/items')).toEqual({ route: 0, params: {} })
    expect(answer(router, 'GET', '/shop/tea/items')).toEqual({ route: 0, params: { category: 'tea' } })
  })

  it('ignores case and one trailing slash, as before', () => {
    const router = routerOf([[['GET'], '/Users/:id/Show'], [['GET'], '/']])
    expect(answer(router, 'GET', '/users/ANN/SHOW/')).toEqual({ route: 0, params: { id: 'ANN' } })
    expect(answer(router, 'GET', '/users/ann/show//')).toEqual({ allowed: [] })
    expect(answer(router, 'GET', '/')).toEqual({ route: 1, params: {} })
    expect(answer(router, 'GET', '/users//show')).toEqual({ allowed: [] })
  })

  it('decodes params as koa-router does: + is a space, a broken escape stays as sent', () => {
    const router = routerOf([[['GET'], '/search/:term']])
    expect(answer(router, 'GET', '/search/a%20b+c')).toEqual({ route: 0, params: { term: 'a b c' } })
    expect(answer(router, 'GET', '/search/100%')).toEqual({ route: 0, params: { term: '100%' } })
    expect(answer(router, 'GET', '/search/a%2Fb')).toEqual({ route: 0, params: { term: 'a/b' } })
  })

  it('matches patterns the index does not follow through their regular expression', () => {
    const router = routerOf([[['GET'], '/files/:name.:ext'], [['GET'], '/docs/*rest'], [['GET'], '/café']])
    expect(answer(router, 'GET', '/files/report.pdf')).toEqual({ route: 0, params: { name: 'report', ext: 'pdf' } })
    expect(answer(router, 'GET', '/docs/a/b/c')).toEqual({ route: 1, params: { rest: 'a/b/c' } })
    expect(answer(router, 'GET', '/café')).toEqual({ route: 2, params: {} })
    expect(answer(router, 'GET', '/files/report')).toEqual({ allowed: [] })
  })

  it('finds the last of 1,000 routes, and a route before them all where it overlaps', () => {
    const definitions: Definition[] = [[['GET'], '/:section/latest']]
    for (let index = 0; index < 999; index++) definitions.push([['GET'], `/section${index}/:id`])
    const router = routerOf(definitions)
    expect(answer(router, 'GET', '/section998/5')).toEqual({ route: 999, params: { id: '5' } })
    expect(answer(router, 'GET', '/section998/latest')).toEqual({ route: 0, params: { section: 'section998' } })
  })

  it('picks the same route and allows the same verbs as koa-router matching every route in turn', () => {
    const KoaRouter = require('koa-router')
    const segment = fc.constantFrom('a', 'B', ':p', ':q?', ':x.:y', 'b.c', '')
    const pattern = fc.array(segment, { minLength: 0, maxLength: 3 }).map((parts) => '/' + parts.join('/'))
    const verbs = fc.subarray(['GET', 'POST', 'PUT'] as Verb[], { minLength: 1 })
    const pathPart = fc.constantFrom('a', 'A', 'b', 'x.y', 'b.c', '', '%41', 'a+b')
    const requestPath = fc.tuple(fc.array(pathPart, { maxLength: 4 }), fc.boolean()).map(([parts, slash]) => '/' + parts.join('/') + (slash ? '/' : ''))
    const routes = fc.uniqueArray(fc.tuple(verbs, pattern), { maxLength: 8, selector: ([, p]) => p.replace(/\/+$/, '') || '/' })
    fc.assert(fc.property(routes, fc.array(fc.tuple(fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'), requestPath), { minLength: 1, maxLength: 8 }), (definitions, requests) => {
      const normalized = definitions.map(([methods, p]): Definition => [methods, p.replace(/\/+$/, '') || '/'])
      const router = routerOf(normalized)
      const reference = new KoaRouter()
      normalized.forEach(([methods, p], index) => reference.register(p.replace(/\/:(\w+)\?/g, '{/:$1}'), methods, () => {}, { name: String(index) }))
      for (const [method, path] of requests) {
        const expected = reference.match(path, method)
        const found = router.match(method, path)
        if (expected.route) {
          expect(found.route?.payload).toBe(Number(expected.pathAndMethod[0].name))
        } else {
          expect(found.route).toBeNull()
          const allowed = [...new Set(expected.path.flatMap((layer: { methods: string[] }) => layer.methods))]
          expect(found.route === null && found.allowed).toEqual(allowed)
        }
      }
    }), { numRuns: 300 })
  })
})

describe('Routing | Router names and URLs', () => {
  it('builds URLs by name and by handler, and finds routes both ways', () => {
    const router = new Router<string>()
    router.add({ methods: ['GET'], pattern: '/users/:id', name: 'user.profile', handler: 'UserController.profile', middleware: [], payload: 'profile' })
    router.add({ methods: ['GET'], pattern: '/posts/:slug?', name: null, handler: 'PostController.show', middleware: ['auth'], payload: 'post' })
    expect(router.url('user.profile', { id: 'a b', tab: 'x' })).toBe('/users/a%20b?tab=x')
    expect(router.url('PostController.show')).toBe('/posts')
    expect(router.url('PostController.show', { slug: 'hi' })).toBe('/posts/hi')
    expect(router.find('UserController.profile')?.payload).toBe('profile')
    expect(router.list().map((route) => [route.pattern, route.middleware])).toEqual([['/users/:id', []], ['/posts/:slug?', ['auth']]])
  })
})
