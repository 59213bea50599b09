/**
 * The line logged for each request when config/app.ts logger.requestLog is on: method, path,
 * status, milliseconds until the answer was ready (a streamed body may take longer to reach
 * the client) and the request id. The JSON line is built here, in pino's form, rather than by
 * pino from an object: bench:logs measured that at several times the cost, on every request.
 */
import type { Logger } from '../logger'
import type { HttpContext } from './context'

export function logRequest (logger: Logger, ctx: HttpContext, started: number): void {
  const { method, path, status } = ctx.koa
  const ms = Math.round((performance.now() - started) * 10) / 10
  // The id is a UUID or a checked X-Request-Id, and the verb a token: neither needs escaping.
  logger.writeLine(`{"level":30,"time":${Date.now()},"reqId":"${ctx.request.id()}","method":"${method}","path":${JSON.stringify(path)},` +
    `"status":${status},"ms":${ms},"msg":${JSON.stringify(`${method} ${path} ${status} ${ms}ms`)}}\n`)
}
