import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'

describe('Routing | route forms', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('core_app')) })
  afterAll(() => client.close())

  it('renders a view for Route.on().render()', async () => {
    const page = await client.get('/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.text).toContain('<h1>Welcome</h1>')
  })

  it('answers each verb on its own route', async () => {
    expect((await client.put('/things/1')).text).toBe('put 1')
    expect((await client.patch('/things/2')).text).toBe('patch 2')
    expect((await client.delete('/things/3')).text).toBe('delete 3')
  })

  it('answers HEAD on GET routes, without a body', async () => {
    const head = await client.head('/plain')
    expect(head.status).toBe(200)
    expect(head.text).toBe('')
  })

  it('serves Route.match() verbs and no others', async () => {
    expect((await client.get('/either')).text).toBe('GET')
    expect((await client.post('/either')).text).toBe('POST')
    const put = await client.put('/either')
    expect(put.status).toBe(405)
    expect(put.headers.allow).toBe('HEAD, GET, POST')
  })

  it('serves Route.any() on every verb', async () => {
    for (const verb of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await client.request(verb, '/anything')).text).toBe(`any ${verb}`)
    }
  })

  it('passes decoded params to handlers', async () => {
    expect((await client.get('/users/42%20x/show')).text).toBe('user 42 x')
  })

  it('accepts AdonisJs optional params', async () => {
    expect((await client.get('/optional')).json()).toEqual({ slug: 'none' })
    expect((await client.get('/optional/hello')).json()).toEqual({ slug: 'hello' })
    expect((await client.get('/optional/hello/more')).status).toBe(404)
  })

  it('answers with the route defined first where two patterns match the same path', async () => {
    expect((await client.get('/overlap/fixed')).text).toBe('param fixed')
    expect((await client.get('/shelf/fixed')).text).toBe('fixed')
    expect((await client.get('/shelf/7')).text).toBe('param 7')
    expect((await client.post('/shelf/fixed')).text).toBe('post fixed')
  })

  it('answers 405 listing the verbs of every route that matches the path', async () => {
    const answer = await client.delete('/shelf/fixed')
    expect(answer.status).toBe(405)
    expect(answer.headers.allow).toBe('HEAD, GET, POST')
  })

  it('applies a group prefix, middleware and name prefix', async () => {
    const denied = await client.get('/admin/dashboard')
    expect(denied.status).toBe(302)
    expect(new URL(denied.location!).pathname).toBe('/login')
    const page = await client.get('/admin/dashboard', { headers: { 'x-user': 'ann' } })
    expect(page.status).toBe(200)
    expect(page.text).toContain('Dashboard of ann')
    expect((await client.get('/url')).status).toBe(200)
  })

  it('defines the seven resource routes, with names', async () => {
    const expectations: Array<[string, string, string, string | null]> = [
      ['GET', '/posts', 'index', null],
      ['GET', '/posts/create', 'create', null],
      ['POST', '/posts', 'store', null],
      ['GET', '/posts/9', 'show', '9'],
      ['GET', '/posts/9/edit', 'edit', '9'],
      ['PUT', '/posts/9', 'update', '9'],
      ['PATCH', '/posts/9', 'update', '9'],
      ['DELETE', '/posts/9', 'destroy', '9'],
    ]
    for (const [verb, url, action, id] of expectations) {
      const answer = await client.request(verb, url)
      expect(answer.status).toBe(200)
      expect(answer.json()).toMatchObject({ action, id })
    }
  })

  it('nests resources and keeps only() actions', async () => {
    expect((await client.get('/users/4/comments/5')).json()).toMatchObject({ action: 'show', id: '5', parent: '4' })
    expect((await client.get('/users/4/comments')).json()).toMatchObject({ action: 'index', parent: '4' })
    expect((await client.post('/users/4/comments')).status).toBe(405)
  })

  it('routes a POST with _method in the body as that verb', async () => {
    expect((await client.post('/things/7', { _method: 'PUT' })).text).toBe('put 7')
    expect((await client.post('/things/7', { _method: 'delete' })).text).toBe('delete 7')
    expect((await client.post('/things/7', { _method: 'PATCH' }, { json: true })).text).toBe('patch 7')
  })

  it('routes a POST with _method in the query as that verb', async () => {
    expect((await client.post('/things/8?_method=DELETE')).text).toBe('delete 8')
  })

  it('never spoofs GET or other verbs through _method', async () => {
    const answer = await client.post('/things/8', { _method: 'GET' })
    expect(answer.status).toBe(405)
  })

  it('answers 404 for an unknown path, as JSON when asked', async () => {
    const html = await client.get('/nowhere')
    expect(html.status).toBe(404)
    expect(html.text).toContain('Cannot GET /nowhere')
    const json = await client.get('/nowhere', { headers: { accept: 'application/json' } })
    expect(json.status).toBe(404)
    expect(json.json()).toEqual({ status: 404, code: 'E_ROUTE_NOT_FOUND', message: 'Cannot GET /nowhere' })
  })

  it('answers 405 with an Allow header for a known path and wrong verb', async () => {
    const answer = await client.post('/plain', undefined, { headers: { accept: 'application/json' } })
    expect(answer.status).toBe(405)
    expect(answer.headers.allow).toBe('HEAD, GET')
    expect(answer.json().code).toBe('E_METHOD_NOT_ALLOWED')
  })

  it('answers OPTIONS with the allowed verbs', async () => {
    const answer = await client.options('/things/1')
    expect(answer.status).toBe(204)
    expect(answer.headers.allow).toBe('PUT, PATCH, DELETE')
  })
})

describe('Routing | URLs', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('core_app')) })
  afterAll(() => client.close())

  it('builds URLs by name and by Controller.method, extra params as the query', async () => {
    expect((await client.get('/url')).json()).toEqual({ named: '/users/5?tab=a+b', action: '/users/6/show' })
  })

  it('redirects to a named route with response.route()', async () => {
    const answer = await client.get('/to-route')
    expect(answer.status).toBe(302)
    expect(new URL(answer.location!).pathname).toBe('/users/3')
  })

  it('builds URLs in views with the route and action filters', async () => {
    const page = await client.get('/greet/ann')
    expect(page.text).toContain('href="/users/7"')
    expect(page.text).toContain('href="/users/8/show?tab=posts"')
  })
})
