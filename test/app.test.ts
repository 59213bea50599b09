/**
 * The app's own routes, over real HTTP: `npm test` runs this file. It boots the app in this
 * process on a free port, with a cookie jar like a browser's.
 */
import path from 'node:path'
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'

const root = path.join(__dirname, '..')

/** The value of the form's hidden _csrf field. */
function csrfToken (html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match) throw new Error('the page has no _csrf field')
  return match[1]!
}

/** The decoded text of each <li> in the list with this id. */
function listItems (html: string, id: string): string[] {
  const list = new RegExp(`<ul id="${id}">([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? ''
  return [...list.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map(([, item]) => item!.replace(/&amp;/g, '&').trim())
}

describe('App', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(root, { config: { session: { driver: 'memory' } } }) })
  afterAll(() => app.close())

  it('shows the welcome page', async () => {
    const page = await app.get('/')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Welcome to adonis-lite')
  })

  it('answers /health with 200 while the app can serve', async () => {
    const health = await app.get('/health')
    expect(health.status).toBe(200)
    expect(health.json()).toEqual({ status: 'ok' })
    expect(health.cookies).toEqual([])
  })

  it('keeps the cart in the session', async () => {
    const client = app.newClient()
    const empty = await client.get('/cart')
    expect(empty.text).toContain('Your cart is empty')
    const added = await client.post('/cart', { item: 'Apple & Pear', _csrf: csrfToken(empty.text) }, { headers: { referer: `${app.url}/cart` } })
    expect(added.status).toBe(302)
    expect(listItems((await client.get('/cart')).text, 'cart')).toEqual(['Apple & Pear'])
    expect((await app.newClient().get('/cart')).text).toContain('Your cart is empty')
  })

  describe('sign-up', () => {
    let client: TestClient
    beforeEach(() => { client = app.newClient() })

    async function submit (fields: Record<string, string>) {
      const form = await client.get('/signup')
      return client.post('/signup', { ...fields, _csrf: csrfToken(form.text) }, { headers: { referer: `${app.url}/signup` } })
    }

    it('sends a bad email back to the form once, with its error and the email but not the password', async () => {
      const posted = await submit({ email: 'not-an-email', password: 'secret1' })
      expect(posted.status).toBe(302)
      expect(posted.location).toBe(`${app.url}/signup`)

      const back = (await client.get('/signup')).text
      expect(listItems(back, 'errors')).toHaveLength(1)
      expect(listItems(back, 'errors')[0]).toMatch(/email/i)
      expect(back).toContain('value="not-an-email"')
      expect(back).not.toContain('secret1')

      const again = (await client.get('/signup')).text
      expect(listItems(again, 'errors')).toEqual([])
      expect(again).not.toContain('not-an-email')
    })

    it('refuses a form without its CSRF token', async () => {
      await client.get('/signup')
      expect((await client.post('/signup', { email: 'ann@example.com', password: 'secret1' })).status).toBe(403)
    })

    it('signs a good form in, with a new session id, and shows the account', async () => {
      await client.get('/signup')
      const before = client.jar.get('adonis-session')?.value
      const posted = await submit({ email: 'ann@example.com', password: 'secret1' })
      expect(posted.status).toBe(302)
      expect(new URL(posted.location!).pathname).toBe('/account')
      expect(client.jar.get('adonis-session')!.value).not.toBe(before)
      expect((await client.follow(posted)).text).toContain('Signed in as ann@example.com')
    })

    it('sends visitors who are not signed in from the account page to the form', async () => {
      const answer = await client.get('/account')
      expect(answer.status).toBe(302)
      expect(new URL(answer.location!).pathname).toBe('/signup')
    })
  })
})
