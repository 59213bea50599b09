/**
 * Every error thrown while serving a request ends here: it becomes a response with the error's
 * status, as HTML or JSON by the Accept header. Messages of client errors are shown; server
 * errors are logged with their stack, which the page shows only in development.
 */
import { STATUS_CODES } from 'node:http'
import type { HttpContext } from './context'
import { renderErrorPage } from './error_page'

interface ThrownError {
  status?: number
  statusCode?: number
  expose?: boolean
  code?: string
  message?: string
  stack?: string
  cause?: unknown
  headers?: Record<string, string>
}

export class ExceptionHandler {
  async handle (error: unknown, ctx: HttpContext): Promise<void> {
    const { app, koa } = ctx
    const thrown = (error ?? {}) as ThrownError
    const status = statusOf(thrown)
    const exposed = thrown.expose ?? status < 500
    this.#report(error, status, ctx)

    const title = STATUS_CODES[status] ?? 'Error'
    const message = exposed || !app.production ? (thrown.message || title) : title
    const stack = app.production || status < 500 ? undefined : stackOf(thrown)

    koa.status = status
    koa.remove('Location')
    koa.remove('Content-Disposition')
    for (const [name, value] of Object.entries(thrown.headers ?? {})) koa.set(name, value)
    if (wantsJson(ctx)) {
      koa.body = { status, code: thrown.code ?? `E_HTTP_${status}`, message, ...(stack ? { stack } : {}) }
    } else {
      koa.type = 'html'
      koa.body = renderErrorPage({ status, title, message, stack, nonce: ctx.cspSent === null ? undefined : ctx.nonce })
    }
  }

  #report (error: unknown, status: number, ctx: HttpContext): void {
    const { logger } = ctx.app
    const { method, path } = ctx.koa
    if (status >= 500) {
      // pino prints the stack of err, and of its cause below it.
      logger.error({ reqId: ctx.request.id(), method, path, status, err: error }, `${method} ${path} failed with ${status}`)
    } else if (logger.isLevelEnabled('debug')) {
      // Client errors (a flood of 404s) cost nothing unless asked for.
      logger.debug({ reqId: ctx.request.id(), method, path, status }, `${method} ${path} answered ${status}: ${(error as ThrownError)?.message ?? error}`)
    }
  }
}

function statusOf (error: ThrownError): number {
  const status = error.status ?? error.statusCode
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500
}

function stackOf (error: ThrownError): string | undefined {
  return typeof error?.stack === 'string' ? error.stack : undefined
}

function wantsJson (ctx: HttpContext): boolean {
  const { koa } = ctx
  if (ctx.request.ajax()) return true
  return koa.accepts('html', 'json') === 'json'
}
