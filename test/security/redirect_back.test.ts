/**
 * response.redirect('back') follows the Referer, and response.safeRedirect() a URL the user
 * gave (?to=), only to this site: whatever they say, the Location a browser ends up at has the
 * app's own origin.
 */
import fc from 'fast-check'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'

const RUNS = Number(process.env.FUZZ_RUNS) || 500

describe.each(['back', 'safeRedirect'])('Security | redirect %s', (via) => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(fixture('hardening_app'), { production: true }) })
  afterAll(() => app.close())

  /** Where a browser goes with the answer's Location. */
  async function landing (target: string): Promise<URL> {
    const answer = via === 'back'
      ? await app.get('/back', { headers: { referer: target } })
      : await app.get(`/next?to=${encodeURIComponent(target)}`)
    expect(answer.status).toBe(302)
    return new URL(answer.headers.location!, `${app.url}/back`)
  }

  it.each([
    ['//evil.example/x', 'a path that starts with //'],
    ['/\\evil.example/x', 'a path that starts with /\\'],
    ['/.//evil.example', 'a dot segment before //'],
    ['/%2F%2Fevil.example', 'encoded slashes'],
    ['///evil.example', 'three slashes'],
  ])('stays on the site for a same-origin Referer whose path is %s (%s)', async (path) => {
    const url = await landing(`${app.url}${path}`)
    expect(url.origin).toBe(app.url)
  })

  it('keeps the path, query and fragment of a same-origin Referer', async () => {
    const url = await landing(`${app.url}/cart?item=a%20b#top`)
    expect(url.href).toBe(`${app.url}/cart?item=a%20b#top`)
  })

  it('goes to the fallback for another site, and to a path of this one as given', async () => {
    const fallback = via === 'back' ? '/' : '/fallback'
    for (const elsewhere of ['https://evil.example/x', '//evil.example', 'javascript:alert(1)', '']) {
      expect((await landing(elsewhere)).pathname).toBe(fallback)
    }
    if (via === 'safeRedirect') expect((await landing('/account?tab=1')).href).toBe(`${app.url}/account?tab=1`)
  })

  it(`never leaves the site, for ${RUNS} generated Referers`, async () => {
    const segment = fc.oneof(
      fc.constantFrom('', '.', '..', 'evil.example', 'evil.example:80', '@evil.example', '\\', '\\evil.example', '%2F', '%5C', '%2e%2e', '\t', ' ', '?', '#', ':'),
      fc.string({ unit: fc.constantFrom(...'abc./\\@:%?#'), maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 6 })
    )
    const path = fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`)
    const origin = fc.constantFrom(
      app.url,
      app.url.replace('http:', 'https:'),
      app.url.replace('127.0.0.1', 'localhost'),
      `${app.url.slice(0, app.url.lastIndexOf(':'))}:1`,
      'http://evil.example',
      `http://evil.example@${app.url.slice(7)}`,
      `${app.url}@evil.example`,
      '',
      '//evil.example',
      'javascript:alert(1)//',
      'data:text/html,'
    )
    await fc.assert(fc.asyncProperty(origin, path, async (start, rest) => {
      // Header values are bytes: non-ASCII characters travel as their UTF-8 bytes, as browsers send them.
      const referer = Buffer.from((start + rest).replace(/[\r\n\0]/g, ''), 'utf8').toString('latin1').trim()
      const url = await landing(referer)
      expect(url.origin).toBe(app.url)
    }), { numRuns: RUNS })
  }, 60_000)
})
