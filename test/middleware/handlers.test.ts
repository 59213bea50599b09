import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'

describe('Middleware | handler styles', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('core_app')) })
  afterAll(() => client.close())

  it('runs generator handlers with co, yielding promises, arrays, objects and generators', async () => {
    expect((await client.get('/gen')).json()).toEqual({ values: [1, 2, 3, 4, 5] })
  })

  it('runs async and plain handlers', async () => {
    expect((await client.get('/async')).text).toBe('async ok')
    expect((await client.get('/plain')).text).toBe('plain ok')
  })

  it('sends what a handler returns when it sent nothing itself', async () => {
    expect((await client.get('/returns')).json()).toEqual({ returned: true })
  })

  it('answers 404 when a handler sends nothing, rather than hanging', async () => {
    const answer = await client.get('/silent')
    expect(answer.status).toBe(404)
  })

  it('runs generator controller methods on a new instance per request', async () => {
    expect((await client.get('/users/1')).json()).toEqual({ id: '1', calls: 1 })
    expect((await client.get('/users/2')).json()).toEqual({ id: '2', calls: 1 })
  })

  it('resolves controllers in subfolders and CommonJS exports', async () => {
    const page = await client.get('/admin/dashboard', { headers: { 'x-user': 'ann' } })
    expect(page.text).toContain('Dashboard of ann')
  })

  it('turns exceptions and rejections from any handler style into responses', async () => {
    const thrown = await client.get('/throws', { headers: { accept: 'application/json' } })
    expect(thrown.status).toBe(500)
    expect(thrown.json().message).toBe('handler exploded')
    expect((await client.get('/rejects')).status).toBe(410)
    expect((await client.get('/gen-throws')).status).toBe(418)
    expect((await client.get('/members')).status).toBe(403)
  })

  it('keeps serving after errors', async () => {
    await client.get('/throws')
    expect((await client.get('/plain')).text).toBe('plain ok')
  })
})

describe('Middleware | kernel and named middleware', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('core_app')) })
  afterAll(() => client.close())

  it('runs global middleware around every routed request', async () => {
    const answer = await client.get('/plain')
    expect(answer.headers['x-trace']).toBe('global')
    expect(answer.headers['x-after']).toBe('global-after')
  })

  it('v3: runs global middleware on a request no route matches, before its 404', async () => {
    const answer = await client.get('/nowhere')
    expect(answer.status).toBe(404)
    expect(answer.headers['x-trace']).toBe('global')
  })

  it('runs named middleware after global ones, in the order the route lists them', async () => {
    const answer = await client.get('/guarded', { headers: { 'x-user': 'ann' } })
    expect(answer.text).toBe('inside')
    expect(answer.headers['x-trace']).toBe('global,auth,async')
  })

  it('lets a middleware end the request without calling next', async () => {
    const answer = await client.get('/guarded')
    expect(answer.status).toBe(302)
    expect(new URL(answer.location!).pathname).toBe('/login')
  })

  it('reports errors thrown in generator middleware', async () => {
    const answer = await client.get('/exploding', { headers: { accept: 'application/json' } })
    expect(answer.status).toBe(500)
    expect(answer.json().message).toBe('middleware exploded')
  })

  it('refuses next() called twice', async () => {
    const answer = await client.get('/twice', { headers: { accept: 'application/json' } })
    expect(answer.status).toBe(500)
    expect(answer.json().code).toBe('E_NEXT_CALLED_TWICE')
  })
})
