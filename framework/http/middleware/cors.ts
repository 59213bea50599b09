/**
 * 'Adonis/Middleware/Cors'. Listed in the kernel, it acts before routing: a preflight request
 * is answered 204 there, before any session or body is read, and every other request gets its
 * CORS headers there, so that a 404 or an error page carries them too (a browser would
 * otherwise report a CORS failure instead of the real answer). Its step in the chain does nothing.
 */
import type Koa from 'koa'
import type { CorsConfig } from '../../cors/cors_config'
import { corsAnswer } from '../../cors/cors_headers'
import type { HttpStep } from './step'

/** The name the kernel lists it under. */
export const CORS_MIDDLEWARE = 'Adonis/Middleware/Cors'

export const corsStep: HttpStep = (_ctx, next) => next()

/** Sets the CORS headers; returns whether the request was a preflight, now answered. */
export function applyCors (config: CorsConfig, koa: Koa.Context): boolean {
  const answer = corsAnswer(config, {
    method: koa.method,
    origin: koa.get('origin'),
    requestMethod: koa.get('access-control-request-method'),
    requestHeaders: koa.get('access-control-request-headers'),
  })
  for (const [name, value] of answer.headers) {
    if (name === 'Vary') koa.vary(value)
    else koa.set(name, value)
  }
  if (answer.preflight) koa.status = 204
  return answer.preflight
}
