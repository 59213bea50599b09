/**
 * Before a stack is measured, it must answer every scenario right: the same visible content
 * as the shared views rendered here, a counter that counts, a CSRF check that refuses a bad
 * token, a redirect back after the failed sign-up, and a page that shows the flash once.
 */
import nunjucks from 'nunjucks'
import { CookieJar } from './cookie_jar'
import { EMAIL_ERROR, SIGNUP_FORM } from './scenarios'
import type { Stack } from './stacks'
import { CART_ITEMS, VIEWS_DIR } from '../stacks/shared/fixtures'

interface Answer {
  status: number
  body: string
  location: string | null
  setsCookie: boolean
}

/** The visible text of a page: tags dropped, whitespace collapsed. */
export function visibleText (html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
}

/** The pages as the shared views render them. */
function referencePages () {
  const views = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR), { autoescape: true })
  const errors = [{ field: 'email', validation: 'email', message: EMAIL_ERROR }]
  return {
    welcome: visibleText(views.render('welcome.njk')),
    cart: visibleText(views.render('cart.njk', { cartItems: CART_ITEMS })),
    signupEmpty: visibleText(views.render('signup_plain.njk', { errors: [], email: '', csrfToken: 'x' })),
    signupErrors: visibleText(views.render('signup_plain.njk', { errors, email: 'bad', csrfToken: 'x' })),
  }
}

/** The problems found (none means the stack may be measured). */
export async function verify (stack: Stack, baseUrl: string): Promise<string[]> {
  const problems: string[] = []
  const expect = (ok: boolean, problem: string) => { if (!ok) problems.push(problem) }
  const pages = referencePages()
  const jar = new CookieJar()
  const call = async (method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> => {
    const headers: Record<string, string> = {}
    const cookie = jar.header()
    if (cookie) headers.cookie = cookie
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers.referer = `${baseUrl}/signup`
    }
    const response = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' })
    const setCookie = response.headers.getSetCookie()
    jar.store(setCookie)
    return { status: response.status, body: await response.text(), location: response.headers.get('location'), setsCookie: setCookie.length > 0 }
  }

  const plain = await call('GET', '/')
  expect(plain.status === 200, `S0: GET / answered ${plain.status}, not 200`)
  expect(visibleText(plain.body) === pages.welcome, `S0: GET / does not show the welcome view:\n  ${visibleText(plain.body).slice(0, 300)}`)
  expect(!plain.setsCookie, 'S0: GET / sets a cookie, but it touches no session')
  if (!stack.units.includes('S1')) return problems

  const seeded = await call('GET', '/seed')
  expect(seeded.status === 200, `GET /seed answered ${seeded.status}, not 200`)
  if (stack.sessions) expect(jar.size > 0, 'GET /seed set no session cookie')

  const cart = await call('GET', '/cart')
  expect(cart.status === 200, `S1: GET /cart answered ${cart.status}, not 200`)
  expect(visibleText(cart.body) === pages.cart, `S1: GET /cart does not show the 3 items of the session:\n  ${visibleText(cart.body).slice(0, 300)}`)
  if (!stack.units.includes('S2')) return problems

  const first = await call('GET', '/count')
  const second = await call('GET', '/count')
  expect(first.status === 200 && second.status === 200, `S2: GET /count answered ${first.status} and ${second.status}, not 200`)
  if (stack.sessions) expect(first.body === '1', `S2: the first GET /count after /seed answered '${first.body.slice(0, 40)}', not '1'`)
  expect(Number(second.body) === Number(first.body) + 1, `S2: GET /count went from '${first.body.slice(0, 40)}' to '${second.body.slice(0, 40)}'`)

  const form = await call('GET', '/signup')
  const token = /<input type="hidden" name="_csrf" value="([^"]+)">/.exec(form.body)?.[1]
  expect(form.status === 200, `S4: GET /signup answered ${form.status}, not 200`)
  expect(token !== undefined, 'S4: GET /signup has no <input type="hidden" name="_csrf" value="...">')
  if (stack.sessions) {
    expect(visibleText(form.body) === pages.signupEmpty, `S4: GET /signup before any post does not show the empty form:\n  ${visibleText(form.body).slice(0, 300)}`)
    const forgedToken = ((token ?? '').startsWith('A') ? 'B' : 'A') + (token ?? '').slice(1)
    const forged = await call('POST', '/signup', `${SIGNUP_FORM}&_csrf=${encodeURIComponent(forgedToken)}`)
    expect(forged.status === 403, `S3: a POST /signup with a wrong CSRF token answered ${forged.status}, not 403`)
  }

  const posted = await call('POST', '/signup', `${SIGNUP_FORM}&_csrf=${encodeURIComponent(token ?? '')}`)
  expect(posted.status === 302, `S3: POST /signup answered ${posted.status}, not 302`)
  expect(posted.location === '/signup' || posted.location === `${baseUrl}/signup`, `S3: POST /signup redirects to ${posted.location}, not back to /signup`)

  const shown = await call('GET', '/signup')
  expect(shown.status === 200, `S4: GET /signup after the post answered ${shown.status}, not 200`)
  expect(visibleText(shown.body) === pages.signupErrors, `S4: GET /signup after the post does not show the flashed error:\n  ${visibleText(shown.body).slice(0, 300)}`)
  // Attributes in any order: adonis-lite writes them in AdonisJs 3's order, the peers in their own.
  expect(/<input(?=[^>]*\bname="email")(?=[^>]*\bvalue="bad")[^>]*>/.test(shown.body), 'S4: GET /signup after the post does not fill the email field with the old value "bad"')
  expect(!shown.body.includes('secret'), 'S4: GET /signup after the post shows the password')
  if (stack.sessions) {
    const again = await call('GET', '/signup')
    expect(visibleText(again.body) === pages.signupEmpty, 'S4: the flashed error is still shown on the request after the next one')
  }
  return problems
}
