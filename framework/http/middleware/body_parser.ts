/**
 * 'Adonis/Middleware/BodyParser', and the step that receives uploads just before a handler.
 * Parsing itself is in ../body_parser.ts and ../multipart.ts.
 */
import { hasBody } from '../body_parser'
import type { HttpStep } from './step'

/** Parses the body before the next middleware runs (of a multipart body, the fields before its files). */
export const bodyParserStep: HttpStep = (ctx, next) => {
  if (!hasBody(ctx.koa)) return next()
  return ctx.parseBody().then(next)
}

/**
 * Before each handler: the files of a multipart body are written to disk only now, once
 * routing, the CSRF check and every middleware of the route have let the request through.
 */
export const receiveUploads: HttpStep = (ctx, next) => {
  if (!ctx.hasPendingUploads) return next()
  return ctx.receiveUploads().then(next)
}
