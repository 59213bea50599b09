/**
 * The scaffold's pages under the Content-Security-Policy its config/shield.js sets: every page
 * gets the header, and no page has a script or style the policy would block (inline ones
 * without this request's nonce, style attributes, event-handler attributes).
 */
import path from 'node:path'
import { testClient, type AppClient } from 'adonis-lite/testing'

const root = path.join(__dirname, '..', '..')

/** What a policy of 'self' plus a nonce blocks in a page, as found in its HTML. */
function blockedByCsp (html: string, nonce: string): string[] {
  const found: string[] = []
  for (const [, tag, attributes] of html.matchAll(/<(script|style)\b([^>]*)>/gi)) {
    const hasSrc = /\bsrc=/i.test(attributes!)
    const nonceAttr = /\bnonce="([^"]*)"/i.exec(attributes!)?.[1]
    if (!hasSrc && nonceAttr !== nonce) found.push(tag!)
  }
  for (const [attribute] of html.matchAll(/\s(style|on[a-z]+)=/gi)) found.push(attribute.trim())
  if (/javascript:/i.test(html)) found.push('javascript: URL')
  return found
}

describe('Shield | the scaffold under its own CSP', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(root) })
  afterAll(() => app.close())

  it.each(['/', '/signup', '/cart'])('v3: %s carries the CSP of config/shield.js and nothing it would block', async (page) => {
    const answer = await app.newClient().get(page)
    expect(answer.status).toBe(200)
    const policy = answer.headers['content-security-policy']!
    expect(policy).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9_-]+'; style-src 'self' 'nonce-/)
    const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(policy)![1]!
    expect(blockedByCsp(answer.text, nonce)).toEqual([])
  })

  it('gives the error page\'s own style the nonce of the policy its answer carries', async () => {
    const client = app.newClient()
    await client.get('/signup')
    const refused = await client.post('/signup', { email: 'a@b.example', password: 'secret1' })
    expect(refused.status).toBe(403)
    const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(refused.headers['content-security-policy']!)![1]!
    expect(blockedByCsp(refused.text, nonce)).toEqual([])
  })

  it('finds what the policy would block (the check itself)', () => {
    expect(blockedByCsp('<script>x()</script><style nonce="n">a{}</style><p style="x" onclick="y">', 'n')).toEqual(['script', 'style=', 'onclick='])
  })
})
