/**
 * One request, start to finish: spoof the verb, match a route, run its middleware and handler,
 * commit the session, turn any error into a response, then set the cookies. A request that
 * matches no route may be a file in public/.
 */
import type Koa from 'koa'
import send from 'koa-send'
import type { Application } from '../application'
import { E_METHOD_NOT_ALLOWED, E_ROUTE_NOT_FOUND } from '../errors'
import { HttpContext } from './context'

const SPOOFABLE = new Set(['PUT', 'PATCH', 'DELETE'])

/** The Koa middleware that serves an app. */
export function requestHandler (app: Application): Koa.Middleware {
  return async (ctx) => {
    const http = new HttpContext(app, ctx)
    let failure: unknown = null
    try {
      await dispatch(app, http)
    } catch (error) {
      failure = error
    }
    if (http.hasSession && (failure === null || statusOf(failure) < 500)) {
      try {
        await http.session.commit()
      } catch (error) {
        failure = error
      }
    }
    if (failure !== null) await app.exceptionHandler.handle(failure, http)
    http.cookies.flush(ctx)
  }
}

async function dispatch (app: Application, http: HttpContext): Promise<void> {
  const { ctx } = http
  if (ctx.method === 'POST') await spoofMethod(app, http)

  const found = app.router.match(ctx.method, ctx.path)
  if (found.route) {
    http.params = found.params
    http.route = found.route
    await found.route.payload(http)
    if (ctx.body == null && ctx.status === 404) {
      app.logger.debug(`${ctx.method} ${ctx.path}: the handler sent no response`)
      throw E_ROUTE_NOT_FOUND(ctx.method, ctx.path)
    }
    return
  }
  if (found.allowed.length > 0) {
    if (ctx.method === 'OPTIONS') {
      ctx.set('Allow', found.allowed.join(', '))
      ctx.status = 204
      return
    }
    throw E_METHOD_NOT_ALLOWED(ctx.method, ctx.path, found.allowed)
  }
  if ((ctx.method === 'GET' || ctx.method === 'HEAD') && await serveStatic(app, ctx)) return
  throw E_ROUTE_NOT_FOUND(ctx.method, ctx.path)
}

/** A form cannot send PUT, PATCH or DELETE: it posts with _method in the query or the body. */
async function spoofMethod (app: Application, http: HttpContext): Promise<void> {
  let spoofed: unknown = http.ctx.querystring.includes('_method=') ? http.request.get()._method : undefined
  if (spoofed === undefined && app.kernel.uses('Adonis/Middleware/BodyParser')) {
    await http.parseBody()
    spoofed = http.request.post()._method
  }
  if (typeof spoofed === 'string' && SPOOFABLE.has(spoofed.toUpperCase())) http.ctx.method = spoofed.toUpperCase()
}

/** Serves a file from public/ when there is one; dotfiles and paths outside it never are. */
async function serveStatic (app: Application, ctx: Koa.Context): Promise<boolean> {
  if (!app.publicDir) return false
  try {
    return Boolean(await send(ctx, ctx.path, { root: app.publicDir, index: 'index.html', hidden: false }))
  } catch (error) {
    const status = statusOf(error)
    if (status === 404 || status === 400 || status === 403) return false
    throw error
  }
}

function statusOf (error: unknown): number {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : 500
}

