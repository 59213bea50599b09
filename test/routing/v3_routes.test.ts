/**
 * AdonisJs 3's routes (src/Route and test/unit/route.spec.js), over HTTP: formats on routes,
 * groups and resources; group domains with params; Route.url() of names, domain routes,
 * patterns and URLs; Route.getRoute() and Route.routes().
 */
import http from 'node:http'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'

/** A GET with this Host header (fetch always sends the address it connects to). */
function getOnHost (client: AppClient, host: string, path: string): Promise<{ status: number, body: any }> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path, client.url), { headers: { host, accept: 'application/json' } }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { text += chunk })
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }))
    })
    request.on('error', reject)
  })
}

describe('Routing | v3 formats', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('routes_app')) })
  afterAll(() => client.close())

  it('v3: .formats() makes the extension optional, request.format() tells which, request.param("format") keeps the dot', async () => {
    const bare = await client.get('/users')
    expect(bare.json()).toMatchObject({ action: 'users', format: null, params: {} })
    const json = await client.get('/users.json')
    expect(json.json()).toMatchObject({ action: 'users', format: 'json', params: { format: '.json' } })
    expect((await client.get('/users.html')).json().format).toBe('html')
  })

  it('v3: an extension not in the formats is a 404', async () => {
    expect((await client.get('/users.xml')).status).toBe(404)
    expect((await client.get('/users.')).status).toBe(404)
  })

  it('v3: strict formats require the extension', async () => {
    expect((await client.get('/reports/2024')).status).toBe(404)
    expect((await client.get('/reports/2024.csv')).json()).toMatchObject({ format: 'csv', params: { year: '2024' } })
  })

  it('v3: group .formats() applies to each route of the group, after its prefix', async () => {
    expect((await client.get('/v2/items')).json().format).toBeNull()
    expect((await client.get('/v2/items.json')).json()).toMatchObject({ action: 'items', format: 'json' })
    expect((await client.get('/v2/items/7.json')).json()).toMatchObject({ action: 'item', format: 'json', params: { id: '7' } })
  })

  it('v3: resource .formats() applies to each of its routes', async () => {
    expect((await client.get('/books.xml')).json()).toMatchObject({ action: 'index', format: 'xml' })
    expect((await client.get('/books/5.json')).json()).toMatchObject({ action: 'show', format: 'json', params: { id: '5' } })
    expect((await client.get('/books/5')).json()).toMatchObject({ action: 'show', format: null })
  })
})

describe('Routing | v3 domains', () => {
  let client: AppClient
  // In development only this machine's names are answered; domains are for production hosts.
  beforeAll(async () => { client = await testClient(fixture('routes_app'), { production: true }) })
  afterAll(() => client.close())

  it('v3: a group .domain() answers on that host', async () => {
    expect((await getOnHost(client, 'blog.example.com', '/')).body.action).toBe('blog home')
    expect((await getOnHost(client, 'blog.example.com:8080', '/posts/9')).body).toMatchObject({ action: 'blog post', params: { id: '9' } })
  })

  it('v3: a domain param (:user.example.com) is a route param', async () => {
    const answer = await getOnHost(client, 'ann.example.com', '/')
    expect(answer.body).toMatchObject({ action: 'profile', params: { user: 'ann' } })
  })

  it('v3: routes without a domain answer on other hosts, not on a domain\'s host', async () => {
    expect((await getOnHost(client, 'example.org', '/')).body.action).toBe('home')
    expect((await getOnHost(client, 'example.org', '/posts/9')).status).toBe(404)
    expect((await getOnHost(client, 'blog.example.com', '/users')).status).toBe(404)
  })
})

describe('Routing | v3 names and URLs', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('routes_app')) })
  afterAll(() => client.close())

  it('v3: Route.url() builds the URLs of names, domain routes (with their host), patterns and full URLs', async () => {
    expect((await client.get('/urls')).json()).toEqual({
      named: '//blog.example.com/posts/3?ref=feed',
      domainParam: '//ann.example.com/',
      pattern: '/hello-world',
      optional: '/archive',
      full: 'http://amanvirk.me/hello%20world',
      withFormat: '/users.json',
      withoutFormat: '/users',
      strictFormat: '/reports/2024.csv',
      resource: '/admin',
      member: '/tasks/4/preview',
      collection: '/tasks/archived',
      root: '/root/2',
    })
  })

  it('v3: Route.getRoute() finds a route by its properties, v3 spellings included; Route.routes() lists them all', async () => {
    const answer = (await client.get('/lookup')).json()
    expect(answer.byName).toMatchObject({ name: 'blog.post', pattern: '/posts/:id', domain: 'blog.example.com', methods: ['GET'] })
    expect(answer.byHandler).toBe('tasks.peek')
    expect(answer.byV3Spelling).toBe('tasks.update')
    expect(answer.missing).toBeNull()
    expect(answer.count).toBeGreaterThan(30)
  })
})
