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
  async handle (error: unknown, http: HttpContext): Promise<void> {
    const { app, ctx } = http
    const thrown = (error ?? {}) as ThrownError
    const status = statusOf(thrown)
    const exposed = thrown.expose ?? status < 500
    this.#report(error, status, http)

    const title = STATUS_CODES[status] ?? 'Error'
    const message = exposed || !app.production ? (thrown.message || title) : title
    const stack = app.production || status < 500 ? undefined : stackOf(thrown)

    ctx.status = status
    ctx.remove('Location')
    ctx.remove('Content-Disposition')
    for (const [name, value] of Object.entries(thrown.headers ?? {})) ctx.set(name, value)
    if (wantsJson(http)) {
      ctx.body = { status, code: thrown.code ?? `E_HTTP_${status}`, message, ...(stack ? { stack } : {}) }
    } else {
      ctx.type = 'html'
      ctx.body = renderErrorPage({ status, title, message, stack })
    }
  }

  #report (error: unknown, status: number, http: HttpContext): void {
    const { logger } = http.app
    const where = `${http.ctx.method} ${http.ctx.path}`
    if (status >= 500) {
      const cause = (error as ThrownError)?.cause
      const detail = stackOf(error as ThrownError) ?? String(error)
      logger.error(`${where} failed with ${status}: ${detail}${cause ? `\n  caused by: ${stackOf(cause as ThrownError) ?? cause}` : ''}`)
    } else {
      logger.debug(`${where} answered ${status}: ${(error as ThrownError)?.message ?? error}`)
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

function wantsJson (http: HttpContext): boolean {
  const { ctx } = http
  if (http.request.ajax()) return true
  return ctx.accepts('html', 'json') === 'json'
}
