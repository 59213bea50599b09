/**
 * 'Adonis/Middleware/Shield': safe default headers on every routed response, and a CSRF token
 * required on state-changing requests (the _csrf field or the x-csrf-token header).
 */
import { E_BAD_CSRF_TOKEN } from '../errors'
import type { HttpContext } from '../http/context'
import type { Step } from '../middleware/runner'
import { Csrf, SecretCookie } from './csrf'
import type { ShieldConfig } from './shield_config'

export const shieldMiddleware: Step = (http, next) => {
  const { ctx } = http
  const config = http.app.shield
  if (config.nosniff) ctx.set('X-Content-Type-Options', 'nosniff')
  if (config.xframe) ctx.set('X-Frame-Options', config.xframe)
  if (config.referrerPolicy) ctx.set('Referrer-Policy', config.referrerPolicy)
  if (config.hsts !== false && ctx.secure) ctx.set('Strict-Transport-Security', hstsHeader(config.hsts))
  if (!config.csrf.enabled) return next()

  const { sessions } = http.app
  const csrf = new Csrf(() => http.session, new SecretCookie(`${sessions.config.cookie}-csrf`, sessions.carrier(http.cookies, ctx.secure), sessions.signer))
  http.csrf = csrf
  if (!config.csrf.methods.includes(ctx.method) || isExcepted(ctx.path, config.csrf.except)) return next()
  return verifyToken(http, csrf).then(next)
}

async function verifyToken (http: HttpContext, csrf: Csrf): Promise<void> {
  await http.parseBody()
  const token = http.request.post()._csrf ?? http.ctx.get('x-csrf-token')
  if (!(await csrf.verify(token))) throw E_BAD_CSRF_TOKEN()
}

function isExcepted (path: string, except: string[]): boolean {
  return except.some((pattern) => pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern)
}

function hstsHeader (hsts: Exclude<ShieldConfig['hsts'], false>): string {
  return `max-age=${hsts.maxAge}${hsts.includeSubDomains ? '; includeSubDomains' : ''}${hsts.preload ? '; preload' : ''}`
}
