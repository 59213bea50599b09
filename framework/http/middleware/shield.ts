/**
 * 'Adonis/Middleware/Shield': the security headers and the Content-Security-Policy on every
 * routed response, and a CSRF token required on state-changing requests (the _csrf field of
 * the body, or the csrf-token, x-csrf-token or x-xsrf-token header). Once the handler is done,
 * the XSRF-TOKEN cookie carries a token for scripts to echo (what axios and Angular do).
 */
import type { CookieOptions } from '../cookies'
import { E_BAD_CSRF_TOKEN, E_CSRF_ORIGIN_MISMATCH } from '../../errors'
import { cspHeaderNames, policyWith } from '../../shield/csp'
import { Csrf, SecretCookie } from '../../shield/csrf'
import { comesFromHost } from '../../shield/origin_check'
import { securityHeaders } from '../../shield/security_headers'
import type { ShieldConfig } from '../../shield/shield_config'
import type { Next } from '../../middleware/runner'
import type { HttpContext } from '../context'
import type { HttpStep } from './step'

/** The cookie AdonisJs 3 (and axios, and Angular) use for the token scripts read. */
export const XSRF_COOKIE = 'XSRF-TOKEN'

export const shieldStep: HttpStep = (ctx, next) => {
  const { koa, app } = ctx
  const config = app.shield
  sendShieldHeaders(ctx)
  if (!config.csrf.enable) return next()

  const { sessions } = app
  const csrf = new Csrf(() => ctx.session, new SecretCookie(`${sessions.config.cookie}-csrf`, ctx.sessionCookies, sessions.signer))
  ctx.csrf = csrf
  const then = config.csrf.xsrfCookie ? () => withXsrfCookie(ctx, csrf, config, next) : next
  if (!config.csrf.methods.includes(koa.method) || config.csrf.filterUris(koa.path)) return then()
  return verifyRequest(ctx, csrf, config).then(then)
}

/** The security headers and the CSP, which every answer carries, a 404 page's included. */
export function sendShieldHeaders (ctx: HttpContext): void {
  const { koa, app } = ctx
  const userAgent = koa.headers['user-agent']
  for (const [name, value] of securityHeaders(app.shield, { https: koa.secure, userAgent })) koa.set(name, value)
  if (app.shield.csp !== null) sendCsp(ctx, app.shield.csp, userAgent)
}

function sendCsp (ctx: HttpContext, csp: NonNullable<ShieldConfig['csp']>, userAgent: string | undefined): void {
  const names = cspHeaderNames(csp, userAgent)
  if (names.length === 0) return
  const policy = policyWith(csp, csp.parts.length > 1 ? ctx.nonce : '')
  for (const name of names) ctx.koa.set(name, policy)
  ctx.cspSent = { names, policy }
}

async function verifyRequest (ctx: HttpContext, csrf: Csrf, config: ShieldConfig): Promise<void> {
  const { koa } = ctx
  if (config.csrf.compareHostAndOrigin && !comesFromHost(koa.get('origin'), koa.get('referer'), koa.hostname)) throw E_CSRF_ORIGIN_MISMATCH()
  await ctx.parseBody()
  // The body or a header, never the query string: a token in a URL leaks through logs and Referer.
  const token = ctx.request.post()._csrf ?? (koa.get('x-xsrf-token') || koa.get('x-csrf-token') || koa.get('csrf-token'))
  if (!(await csrf.verify(token))) throw E_BAD_CSRF_TOKEN()
}

/** After the handler, so that a secret it rotated (regenerate() at sign-in) is the one the cookie's token masks. */
async function withXsrfCookie (ctx: HttpContext, csrf: Csrf, config: ShieldConfig, next: Next): Promise<void> {
  await next()
  await ctx.prepareRender()
  ctx.cookies.set(XSRF_COOKIE, csrf.token(), xsrfCookieOptions(config, ctx.koa.secure))
}

/** One options object per config and scheme: the cookie jar caches attributes by options object. */
const optionsCache = new WeakMap<ShieldConfig, { plain: CookieOptions, secure: CookieOptions }>()

function xsrfCookieOptions (config: ShieldConfig, https: boolean): CookieOptions {
  let cached = optionsCache.get(config)
  if (cached === undefined) {
    const given = config.csrf.cookieOptions
    // Secure when the request came over HTTPS, unless the config says otherwise.
    cached = { plain: { secure: false, ...given }, secure: { secure: true, ...given } }
    optionsCache.set(config, cached)
  }
  return https ? cached.secure : cached.plain
}
