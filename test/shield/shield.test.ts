import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'
import { csrfOf } from '../helpers/html'

describe('Shield | CSRF', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(fixture('flash_app')) })
  afterAll(() => app.close())

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses %s without a token with 403', async (verb) => {
    const client = app.newClient()
    await client.get('/form')
    const answer = await client.request(verb, '/anything', { headers: { accept: 'application/json' } })
    expect(answer.status).toBe(403)
    expect(answer.json().code).toBe('E_BAD_CSRF_TOKEN')
  })

  it('accepts the _csrf field of the page', async () => {
    const client = app.newClient()
    const token = csrfOf((await client.get('/form')).text)
    const answer = await client.post('/things', { name: 'lamp', _csrf: token })
    expect(answer.status).toBe(200)
    expect(answer.json().stored.name).toBe('lamp')
  })

  it('accepts the x-csrf-token header, for JSON requests', async () => {
    const client = app.newClient()
    const { token } = (await client.get('/token')).json()
    const answer = await client.put('/things/5', { name: 'lamp' }, { json: true, headers: { 'x-csrf-token': token } })
    expect(answer.json()).toEqual({ updated: '5', method: 'PUT' })
  })

  it('checks spoofed verbs too', async () => {
    const client = app.newClient()
    const token = csrfOf((await client.get('/form')).text)
    expect((await client.post('/things/5', { _method: 'DELETE' })).status).toBe(403)
    expect((await client.post('/things/5', { _method: 'DELETE', _csrf: token })).json()).toEqual({ deleted: '5' })
  })

  it('refuses a wrong token, and a token of another session', async () => {
    const client = app.newClient()
    const token = csrfOf((await client.get('/form')).text)
    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA')
    expect((await client.post('/things', { _csrf: tampered })).status).toBe(403)
    expect((await client.post('/things', { _csrf: 'short' })).status).toBe(403)
    const other = app.newClient()
    await other.get('/form')
    expect((await other.post('/things', { _csrf: token })).status).toBe(403)
  })

  it('gives a different token on every render, all valid for the session', async () => {
    const client = app.newClient()
    const first = csrfOf((await client.get('/form')).text)
    const second = csrfOf((await client.get('/form')).text)
    expect(first).not.toBe(second)
    expect((await client.post('/things', { _csrf: first })).status).toBe(200)
    expect((await client.post('/things', { _csrf: second })).status).toBe(200)
  })

  it('lets GET requests through without a token', async () => {
    expect((await app.newClient().get('/things/3')).json()).toEqual({ shown: '3' })
  })
})

describe('Shield | headers', () => {
  it('sends the safe default headers on routed responses', async () => {
    const app = await testClient(fixture('flash_app'))
    try {
      const answer = await app.get('/plain')
      expect(answer.headers['x-content-type-options']).toBe('nosniff')
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN')
      expect(answer.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    } finally {
      await app.close()
    }
  })

  it('sends Strict-Transport-Security on HTTPS requests only, as config/shield says', async () => {
    const app = await testClient(fixture('flash_app'), { config: { app: { http: { trustProxy: true } } } })
    const custom = await testClient(fixture('flash_app'), { config: { app: { http: { trustProxy: true } }, shield: { hsts: { maxAge: 60, includeSubDomains: false, preload: true } } } })
    const off = await testClient(fixture('flash_app'), { config: { app: { http: { trustProxy: true } }, shield: { hsts: false } } })
    try {
      const https = { headers: { 'x-forwarded-proto': 'https' } }
      expect((await app.get('/plain', https)).headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains')
      expect((await app.get('/plain')).headers['strict-transport-security']).toBeUndefined()
      expect((await custom.get('/plain', https)).headers['strict-transport-security']).toBe('max-age=60; preload')
      expect((await off.get('/plain', https)).headers['strict-transport-security']).toBeUndefined()
    } finally {
      await Promise.all([app.close(), custom.close(), off.close()])
    }
  })

  it('follows config/shield', async () => {
    const app = await testClient(fixture('flash_app'), { config: { shield: { xframe: 'DENY', referrerPolicy: false, csrf: { filterUris: ['/things*'] } } } })
    try {
      const answer = await app.newClient().post('/things', { name: 'x' })
      expect(answer.status).toBe(200)
      expect(answer.headers['x-frame-options']).toBe('DENY')
      expect(answer.headers['referrer-policy']).toBeUndefined()
      expect((await app.newClient().post('/upload')).status).toBe(403)
    } finally {
      await app.close()
    }
  })
})
