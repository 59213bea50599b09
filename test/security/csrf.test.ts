/**
 * CSRF: with Shield in the kernel, every route of an app that answers POST, PUT, PATCH or
 * DELETE (directly or through _method spoofing) refuses a request without this session's
 * token, and such a request changes nothing. Tokens in the query string, of another session,
 * or in a body the parser does not read, do not count.
 */
import path from 'node:path'
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture, TEST_KEY } from '../helpers/apps'
import { csrfOf } from '../helpers/html'

const DEMO_APP = path.join(__dirname, '..', '..')
const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE']
const JSON_ACCEPT = { accept: 'application/json' }

/** A URL for a route pattern: every :param (optional or not) becomes 1. */
const urlOf = (pattern: string) => pattern.replace(/:\w+\??/g, '1')

describe.each([
  ['the demo app', DEMO_APP, '/signup'],
  ['the hardening fixture', fixture('hardening_app'), '/form'],
  ['the flash fixture', fixture('flash_app'), '/form'],
])('Security | CSRF on every state-changing route of %s', (_name, root, formPath) => {
  let app: AppClient
  let client: TestClient
  let token: string
  beforeAll(async () => {
    app = await testClient(root, { config: { session: { driver: 'memory' } }, env: { APP_KEY: TEST_KEY }, production: true })
    client = app.newClient()
    token = csrfOf((await client.get(formPath)).text)
  })
  afterAll(() => app.close())

  const stateChangingRoutes = () => app.app.router.list().flatMap((route) =>
    route.methods.filter((method) => STATE_CHANGING.includes(method)).map((method) => ({ method, url: urlOf(route.pattern) })))

  it('has state-changing routes to check', () => {
    expect(stateChangingRoutes().length).toBeGreaterThan(0)
  })

  it('refuses each of them with 403 without a token, with a session cookie or without one', async () => {
    for (const { method, url } of stateChangingRoutes()) {
      const withSession = await client.request(method, url, { body: { email: 'a@example.com' }, headers: JSON_ACCEPT })
      expect([method, url, withSession.status, withSession.json().code]).toEqual([method, url, 403, 'E_BAD_CSRF_TOKEN'])
      const withoutSession = await app.newClient().request(method, url, { body: { email: 'a@example.com' }, headers: JSON_ACCEPT })
      expect([method, url, withoutSession.status]).toEqual([method, url, 403])
    }
  })

  it('refuses them when the verb is spoofed with _method in the body or the query', async () => {
    for (const { method, url } of stateChangingRoutes()) {
      if (method === 'POST') continue
      const inBody = await client.post(url, { _method: method }, { headers: JSON_ACCEPT })
      expect([method, url, inBody.status]).toEqual([method, url, 403])
      const inQuery = await client.post(`${url}?_method=${method}`, undefined, { headers: JSON_ACCEPT })
      expect([method, url, inQuery.status]).toEqual([method, url, 403])
    }
  })

  it('does not count a token in the query string, of another session, empty, or in a body it does not parse', async () => {
    const other = app.newClient()
    const othersToken = csrfOf((await other.get(formPath)).text)
    for (const { method, url } of stateChangingRoutes()) {
      const attempts = [
        client.request(method, `${url}?_csrf=${encodeURIComponent(token)}`, { headers: JSON_ACCEPT }),
        client.request(method, url, { body: { _csrf: othersToken }, headers: JSON_ACCEPT }),
        client.request(method, url, { headers: { ...JSON_ACCEPT, 'x-csrf-token': othersToken } }),
        client.request(method, url, { body: { _csrf: '' }, headers: JSON_ACCEPT }),
        client.request(method, url, { body: `_csrf[]=${encodeURIComponent(token)}`, headers: { ...JSON_ACCEPT, 'content-type': 'application/x-www-form-urlencoded' } }),
        client.request(method, url, { body: `_csrf=${encodeURIComponent(token)}`, headers: { ...JSON_ACCEPT, 'content-type': 'text/plain' } }),
      ]
      for (const answer of await Promise.all(attempts)) expect([method, url, answer.status]).toEqual([method, url, 403])
    }
  })

  it('lets GET, HEAD and OPTIONS through without a token', async () => {
    expect((await client.get(formPath)).status).toBe(200)
    expect((await client.head(formPath)).status).toBe(200)
    expect((await client.options(formPath)).status).toBeLessThan(400)
  })
})

describe('Security | CSRF keeps the demo app unchanged', () => {
  it('adds nothing to the cart and signs no one in without the token', async () => {
    const app = await testClient(DEMO_APP, { config: { session: { driver: 'memory' } }, env: { APP_KEY: TEST_KEY }, production: true })
    try {
      const client = app.newClient()
      const cart = await client.get('/cart')
      expect((await client.post('/cart', { item: 'Forged item' })).status).toBe(403)
      expect((await client.post('/signup', { email: 'forged@example.com', password: 'secret1' })).status).toBe(403)
      expect((await client.get('/cart')).text).not.toContain('Forged item')
      expect((await client.get('/account')).status).toBe(302)
      // With the page's token the same form goes through.
      expect((await client.post('/cart', { item: 'Real item', _csrf: csrfOf(cart.text) })).status).toBe(302)
      expect((await client.get('/cart')).text).toContain('Real item')
    } finally {
      await app.close()
    }
  })
})
