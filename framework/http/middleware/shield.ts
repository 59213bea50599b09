/**
 * 'Adonis/Middleware/Shield': the security headers on every routed response, and a CSRF token
 * required on state-changing requests (the _csrf field or the x-csrf-token header).
 */
import { E_BAD_CSRF_TOKEN } from '../../errors'
import { Csrf, SecretCookie } from '../../shield/csrf'
import { isCsrfExempt, securityHeaders } from '../../shield/security_headers'
import type { HttpContext } from '../context'
import type { HttpStep } from './step'

export const shieldStep: HttpStep = (ctx, next) => {
  const { koa, app } = ctx
  const config = app.shield
  for (const [name, value] of securityHeaders(config, koa.secure)) koa.set(name, value)
  if (!config.csrf.enabled) return next()

  const { sessions } = app
  const csrf = new Csrf(() => ctx.session, new SecretCookie(`${sessions.config.cookie}-csrf`, ctx.sessionCookies, sessions.signer))
  ctx.csrf = csrf
  if (!config.csrf.methods.includes(koa.method) || isCsrfExempt(koa.path, config.csrf.except)) return next()
  return verifyToken(ctx, csrf).then(next)
}

async function verifyToken (ctx: HttpContext, csrf: Csrf): Promise<void> {
  await ctx.parseBody()
  const token = ctx.request.post()._csrf ?? ctx.koa.get('x-csrf-token')
  if (!(await csrf.verify(token))) throw E_BAD_CSRF_TOKEN()
}
