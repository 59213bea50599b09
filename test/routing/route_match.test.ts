/** The branches of domains, formats, pattern filling and route lookup, one by one. */
import { DomainPattern, RouteConstraints, withFormats, withoutExtension } from '../../framework/routing/route_match'
import { fillPattern, hasProperties } from '../../framework/routing/route_url'
import { toVerbs } from '../../framework/routing/verbs'

const missing = (name: string) => new Error(`missing ${name}`)

describe('Routing | domains', () => {
  it('v3: matches a literal domain regardless of case, and nothing longer or shorter', () => {
    const domain = new DomainPattern('blog.example.com')
    expect(domain.match('Blog.Example.com')).toEqual({})
    expect(domain.match('www.blog.example.com')).toBeNull()
    expect(domain.match('example.com')).toBeNull()
    expect(domain.match('blogXexample.com')).toBeNull()
  })

  it('v3: gives each :param label of the host as a param, one label each', () => {
    const domain = new DomainPattern(':user.example.com')
    expect(domain.match('ann.example.com')).toEqual({ user: 'ann' })
    expect(domain.match('a.b.example.com')).toBeNull()
    expect(domain.build({ user: 'bob' }, missing)).toBe('bob.example.com')
    expect(() => domain.build({}, missing)).toThrow('missing user')
  })

  it('refuses a domain that is not a host name', () => {
    for (const source of ['blog.example.com/x', 'a..b', '*.example.com', 'exa mple.com']) {
      expect(() => new DomainPattern(source)).toThrow(expect.objectContaining({ code: 'E_INVALID_DOMAIN' }))
    }
  })

  it('answers in time linear in the host, whatever it holds', () => {
    const domain = new DomainPattern(':a.:b.:c.example.com')
    const started = Date.now()
    expect(domain.match(`${'x.'.repeat(50_000)}example.org`)).toBeNull()
    expect(Date.now() - started).toBeLessThan(500)
  })
})

describe('Routing | formats', () => {
  it('v3: optional formats add {.:format}, strict ones .:format', () => {
    expect(withFormats('/users', { list: ['json'], strict: false })).toBe('/users{.:format}')
    expect(withFormats('/users', { list: ['json'], strict: true })).toBe('/users.:format')
    expect(withFormats('/users', null)).toBe('/users')
  })

  it('looks for an extension in the last segment only', () => {
    expect(withoutExtension('/users.json')).toBe('/users')
    expect(withoutExtension('/v1.2/users')).toBeNull()
    expect(withoutExtension('/users')).toBeNull()
  })

  it('v3: accepts a listed format as its dotted param, refuses another, accepts none', () => {
    const constraints = new RouteConstraints({ list: ['json'], strict: false }, null)
    expect(constraints.accept({ format: 'JSON' }, '')).toEqual({ format: '.json' })
    expect(constraints.accept({ format: 'xml' }, '')).toBeNull()
    expect(constraints.accept({}, '')).toEqual({})
  })
})

describe('Routing | URLs of patterns', () => {
  it('v3: fills params of a pattern or a full URL, drops a missing optional one, refuses a missing required one', () => {
    expect(fillPattern('/posts/:id', { id: 'a b' }, missing)).toEqual({ url: '/posts/a%20b', used: new Set(['id']) })
    expect(fillPattern('http://localhost:3333/:post', { post: 'x' }, missing).url).toBe('http://localhost:3333/x')
    expect(fillPattern('/archive/:year?', {}, missing).url).toBe('/archive')
    expect(() => fillPattern('/posts/:id', {}, missing)).toThrow('missing id')
  })
})

describe('Routing | Route.getRoute() properties', () => {
  const route = { methods: ['PUT', 'PATCH'] as Array<'PUT' | 'PATCH'>, pattern: '/tasks/:id', name: 'tasks.update', handler: 'TaskController.update', middleware: ['auth'] }

  it('v3: understands route, verb (HEAD left out) and middlewares as well as this framework\'s names', () => {
    expect(hasProperties(route, { route: '/tasks/:id', verb: ['PUT', 'PATCH'] })).toBe(true)
    expect(hasProperties(route, { pattern: '/tasks/:id', middlewares: ['auth'] })).toBe(true)
    expect(hasProperties({ ...route, methods: ['GET'] }, { verb: ['GET', 'HEAD'] })).toBe(true)
    expect(hasProperties(route, { name: 'tasks.show' })).toBe(false)
    expect(hasProperties(route, { verb: ['PUT'] })).toBe(false)
  })
})

describe('Routing | verbs', () => {
  it("v3: takes ['GET', 'HEAD'] as GET, and refuses an unknown verb naming the method", () => {
    expect(toVerbs(['get', 'HEAD'])).toEqual(['GET'])
    expect(() => toVerbs(['FETCH'], 'Resource.addMember()')).toThrow("Resource.addMember(): unknown HTTP verb 'FETCH'")
  })
})
