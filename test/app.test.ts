/**
 * The app's own routes, over real HTTP: `npm test` runs this file. It boots the app in this
 * process on a free port, with a cookie jar like a browser's.
 */
import path from 'node:path'
import { testClient, type AppClient } from 'adonis-lite/testing'

const root = path.join(__dirname, '..')

describe('App', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(root, { config: { session: { driver: 'memory' } } }) })
  afterAll(() => app.close())

  it('shows the welcome page', async () => {
    const page = await app.get('/')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Welcome to adonis-lite')
  })

  it('keeps the cart in the session', async () => {
    const client = app.newClient()
    expect((await client.get('/cart')).text).toContain('Your cart is empty')
    const added = await client.post('/cart', { item: 'Apple & Pear' }, { headers: { referer: `${app.url}/cart` } })
    expect(added.status).toBe(302)
    expect((await client.get('/cart')).text).toContain('<li>Apple &amp; Pear</li>')
    expect((await app.newClient().get('/cart')).text).toContain('Your cart is empty')
  })

  it('shows the sign-up form', async () => {
    const page = await app.get('/signup')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Create Account')
  })
})
