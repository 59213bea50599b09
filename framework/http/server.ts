/**
 * One request, start to finish: spoof the verb, match a route, run its middleware and handler,
 * commit the session, turn any error into a response, then set the cookies. A request that
 * matches no route may be a file in public/.
 */
import type Koa from 'koa'
import type { Application } from '../application'
import { E_HOST_NOT_ALLOWED, E_METHOD_NOT_ALLOWED, E_ROUTE_NOT_FOUND } from '../errors'
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
    // Files of a multipart body its handler never received are read into nothing; and an answer
    // given before the whole body arrived (a 404, a 403, a 413...) is the connection's last.
    http.dropUploads()
    if (!ctx.req.complete) ctx.set('Connection', 'close')
    http.cookies.flush(ctx)
  }
}

async function dispatch (app: Application, http: HttpContext): Promise<void> {
  const { ctx } = http
  if (app.devHosts !== null && !app.devHosts.allows(ctx.get('host'))) throw E_HOST_NOT_ALLOWED(ctx.get('host'))
  let found = app.router.match(ctx.method, ctx.path)
  // A path no route knows is a 404 whatever its verb: its body is never read.
  if (ctx.method === 'POST' && (found.route !== null || found.allowed.length > 0) && await spoofMethod(app, http)) {
    found = app.router.match(ctx.method, ctx.path)
  }
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
  if ((ctx.method === 'GET' || ctx.method === 'HEAD') && app.publicFiles !== null && await app.publicFiles.serve(ctx)) return
  throw E_ROUTE_NOT_FOUND(ctx.method, ctx.path)
}

/** A form cannot send PUT, PATCH or DELETE: it posts with _method in the query or the body. Resolves with whether the verb changed. */
async function spoofMethod (app: Application, http: HttpContext): Promise<boolean> {
  let spoofed: unknown = http.ctx.querystring.includes('_method=') ? http.request.get()._method : undefined
  if (spoofed === undefined && app.kernel.uses('Adonis/Middleware/BodyParser')) {
    await http.parseBody()
    spoofed = http.request.post()._method
  }
  if (typeof spoofed !== 'string' || !SPOOFABLE.has(spoofed.toUpperCase())) return false
  http.ctx.method = spoofed.toUpperCase()
  return true
}

function statusOf (error: unknown): number {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : 500
}

