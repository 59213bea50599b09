/**
 * Shield as AdonisJs 3 configured it, over HTTP, in a fixture app with v3's config/shield.js
 * (CSP directives with '@nonce', xss, noopen, xframe ALLOW-FROM, csrf.filterUris,
 * compareHostAndOrigin, cookieOptions) and a stock v3 kernel.
 */
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'
import { inner, tags, text } from '../helpers/html'

describe('Shield | v3 config/shield.js', () => {
  let app: AppClient
  let origin: string
  beforeAll(async () => {
    app = await testClient(fixture('v3_shield_app'))
    origin = app.url.replace(/\/$/, '')
  })
  afterAll(() => app.close())

  /** A client that has visited a page, so that it holds the XSRF-TOKEN cookie. */
  async function visitor (): Promise<TestClient> {
    const client = app.newClient()
    await client.get('/api/items')
    return client
  }

  it('v3: {{ csrfField }} and {{ csrfToken }} print the field and the token without call parentheses, and the call forms still work', async () => {
    const client = app.newClient()
    const page = (await client.get('/page')).text
    const bare = tags(inner(page, 'bare'), 'input')
    const called = tags(inner(page, 'called'), 'input')
    expect(bare).toHaveLength(1)
    expect(bare[0]).toMatchObject({ type: 'hidden', name: '_csrf' })
    expect(called[0]).toMatchObject({ type: 'hidden', name: '_csrf', value: bare[0]!.value })
    expect(text(page, 'token')).toBe(bare[0]!.value)
    expect(text(page, 'token-called')).toBe(bare[0]!.value)
    expect(page).not.toContain('function')
    const answer = await client.post('/api/items', { name: 'lamp', _csrf: bare[0]!.value }, { headers: { origin } })
    expect(answer.json()).toEqual({ stored: 'lamp' })
  })

  it('v3: the SPA flow: a client that echoes the XSRF-TOKEN cookie in x-xsrf-token passes', async () => {
    const client = await visitor()
    const cookie = client.jar.get('XSRF-TOKEN')
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{80,}$/)
    const answer = await client.post('/api/items', { name: 'axios' }, { json: true, headers: { origin, 'x-xsrf-token': cookie!.value } })
    expect(answer.json()).toEqual({ stored: 'axios' })
    // Every answer carries a fresh one, each valid.
    const next = client.jar.get('XSRF-TOKEN')!.value
    expect(next).not.toBe(cookie!.value)
    const put = await client.put('/api/items/3', { name: 'x' }, { json: true, headers: { origin, 'x-xsrf-token': next } })
    expect(put.json()).toEqual({ updated: '3' })
  })

  it('v3: XSRF-TOKEN follows a secret rotated by regenerate() at sign-in: the new one passes, the one from before does not', async () => {
    const client = await visitor()
    const before = client.jar.get('XSRF-TOKEN')!.value
    const login = await client.post('/login', {}, { headers: { origin, 'x-xsrf-token': before } })
    expect(login.json()).toEqual({ user: 'ann' })
    const after = client.jar.get('XSRF-TOKEN')!.value
    expect((await client.post('/api/items', { name: 'old' }, { headers: { origin, 'x-xsrf-token': before } })).status).toBe(403)
    expect((await client.post('/api/items', { name: 'new' }, { headers: { origin, 'x-xsrf-token': after } })).json()).toEqual({ stored: 'new' })
  })

  it('v3: takes the token from the csrf-token and x-csrf-token headers too', async () => {
    for (const header of ['csrf-token', 'x-csrf-token']) {
      const client = await visitor()
      const token = client.jar.get('XSRF-TOKEN')!.value
      expect((await client.post('/api/items', { name: header }, { json: true, headers: { origin, [header]: token } })).status).toBe(200)
    }
  })

  it('v3: sets XSRF-TOKEN readable by scripts, with csrf.cookieOptions (sameSite: true is Strict)', async () => {
    const answer = await app.newClient().get('/api/items')
    const line = answer.headers['set-cookie']!.split(/,(?=\s*[A-Za-z-]+=)/).find((part) => part.trim().startsWith('XSRF-TOKEN='))!
    expect(line).toMatch(/Max-Age=3600/)
    expect(line).toMatch(/SameSite=Strict/)
    expect(line).toMatch(/Path=\//)
    expect(line).not.toMatch(/HttpOnly/)
  })

  it('v3: refuses a token in the XSRF-TOKEN cookie alone, a wrong token, and one of another visitor', async () => {
    const client = await visitor()
    expect((await client.post('/api/items', { name: 'x' }, { headers: { origin } })).status).toBe(403)
    expect((await client.post('/api/items', { name: 'x' }, { headers: { origin, 'x-xsrf-token': 'A'.repeat(86) } })).status).toBe(403)
    const other = await visitor()
    const theirs = other.jar.get('XSRF-TOKEN')!.value
    expect((await client.post('/api/items', { name: 'x' }, { headers: { origin, 'x-xsrf-token': theirs } })).status).toBe(403)
  })

  it('v3: csrf.methods lists the checked verbs: PATCH, left out of this config, passes without a token', async () => {
    const client = app.newClient()
    expect((await client.patch('/api/items/4', {}, { headers: { origin } })).json()).toEqual({ patched: '4' })
    expect((await client.put('/api/items/4', {}, { headers: { origin } })).status).toBe(403)
  })

  it('v3: csrf.compareHostAndOrigin refuses a post from a page of another host, or with neither Origin nor Referer', async () => {
    const client = await visitor()
    const token = client.jar.get('XSRF-TOKEN')!.value
    const post = (headers: Record<string, string>) => client.post('/api/items', { name: 'x' }, { headers: { 'x-xsrf-token': token, ...headers } })
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403)
    expect((await post({ referer: 'http://evil.example/form' })).status).toBe(403)
    expect((await post({ origin: 'null' })).status).toBe(403)
    expect((await post({})).status).toBe(403)
    expect((await post({ referer: `${origin}/page` })).status).toBe(200)
    expect((await post({ origin })).status).toBe(200)
  })

  it('v3: csrf.filterUris exempts exact paths, :param segments and * rests, and nothing else', async () => {
    const client = app.newClient()
    expect((await client.post('/webhooks/stripe')).json()).toEqual({ hook: 'stripe' })
    expect((await client.post('/hooks/42')).json()).toEqual({ hook: '42' })
    expect((await client.post('/api/public/deep/path')).json()).toEqual({ hook: 'public' })
    expect((await client.post('/webhooks/other')).status).toBe(403)
    expect((await client.post('/hooks/42/more')).status).toBe(403)
  })

  it('v3: sends X-XSS-Protection, X-Download-Options, nosniff and X-Frame-Options ALLOW-FROM as configured', async () => {
    const answer = await app.newClient().get('/api/items')
    expect(answer.headers['x-xss-protection']).toBe('1; mode=block')
    expect(answer.headers['x-download-options']).toBe('noopen')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['x-frame-options']).toBe('ALLOW-FROM https://partner.example')
    const oldIE = await app.newClient().get('/api/items', { headers: { 'user-agent': 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1)' } })
    expect(oldIE.headers['x-xss-protection']).toBe('0')
  })

  it('v3: csp.directives with @nonce: a new nonce per request, the same in the header, request.nonce(), cspNonce and cspMeta', async () => {
    const client = app.newClient()
    const first = await client.get('/page')
    const second = await client.get('/page')
    const nonceOf = (policy: string) => /'nonce-([A-Za-z0-9_-]+)'/.exec(policy)![1]!
    const policy = first.headers['content-security-policy']!
    expect(policy).toBe(`default-src 'self'; script-src 'self' 'nonce-${nonceOf(policy)}'; style-src 'self' 'nonce-${nonceOf(policy)}'; img-src 'self' data:`)
    const nonce = nonceOf(policy)
    expect(nonce).not.toBe(nonceOf(second.headers['content-security-policy']!))
    expect(text(first.text, 'request-nonce')).toBe(nonce)
    expect(tags(first.text, 'script')[0]!.nonce).toBe(nonce)
    expect(tags(first.text, 'style')[0]!.nonce).toBe(nonce)
    const meta = tags(first.text, 'meta')
    expect(meta).toEqual([{ 'http-equiv': 'Content-Security-Policy', content: policy }])
    expect((await client.get('/nonce')).json().nonce).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('v3: csp.disableAndroid leaves the policy out for the old Android browser only, not for Chrome on Android', async () => {
    const stock = 'Mozilla/5.0 (Linux; U; Android 4.0.3; en-us) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30'
    const chrome = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'
    expect((await app.newClient().get('/page', { headers: { 'user-agent': stock } })).headers['content-security-policy']).toBeUndefined()
    expect((await app.newClient().get('/page', { headers: { 'user-agent': chrome } })).headers['content-security-policy']).toMatch(/^default-src/)
  })
})

describe('Shield | v3 csp and csrf switches', () => {
  it('v3: csp.reportOnly sends Content-Security-Policy-Report-Only, and setAllHeaders the X- variants too', async () => {
    const app = await testClient(fixture('v3_shield_app'), { config: { shield: { csp: { reportOnly: true, setAllHeaders: true } } } })
    try {
      const answer = await app.newClient().get('/nonce')
      expect(answer.headers['content-security-policy']).toBeUndefined()
      for (const name of ['content-security-policy-report-only', 'x-content-security-policy-report-only', 'x-webkit-csp-report-only']) {
        expect(answer.headers[name]).toMatch(/^default-src 'self'; script-src 'self' 'nonce-/)
      }
    } finally {
      await app.close()
    }
  })

  it('sets no XSRF-TOKEN without csrf.xsrfCookie: true, and makes no secret for a page that shows no token', async () => {
    const app = await testClient(fixture('v3_shield_app'), { config: { shield: { csrf: { xsrfCookie: false } } } })
    try {
      expect((await app.newClient().get('/api/items')).cookies).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('v3: csrf.enable false: an API app posts without tokens, and no XSRF-TOKEN is set', async () => {
    const app = await testClient(fixture('v3_shield_app'), { config: { shield: { csrf: { enable: false } } } })
    try {
      const answer = await app.newClient().post('/api/items', { name: 'free' }, { json: true })
      expect(answer.json()).toEqual({ stored: 'free' })
      expect(answer.cookies.map((cookie) => cookie.name)).not.toContain('XSRF-TOKEN')
    } finally {
      await app.close()
    }
  })
})
