/**
 * The line logged for each request when config/app.ts logger.requestLog is on: method, path,
 * status, milliseconds until the answer was ready (a streamed body may take longer to reach
 * the client) and the request id.
 */
import type { Logger } from '../logger'
import type { HttpContext } from './context'

export function logRequest (logger: Logger, ctx: HttpContext, started: number): void {
  const { method, path, status } = ctx.koa
  const ms = Math.round((performance.now() - started) * 10) / 10
  logger.info({ reqId: ctx.request.id(), method, path, status, ms }, `${method} ${path} ${status} ${ms}ms`)
}
