/**
 * One request, start to finish: spoof the verb, match a route, run its middleware and handler,
 * commit the session, turn any error into a response, then set the cookies. A request that
 * matches no route may be a file in public/.
 */
import type Koa from 'koa'
import type { Application } from '../application'
import { E_HOST_NOT_ALLOWED, E_METHOD_NOT_ALLOWED, E_ROUTE_NOT_FOUND } from '../errors'
import { HttpContext } from './context'
import { logRequest } from './request_log'

const SPOOFABLE = new Set(['PUT', 'PATCH', 'DELETE'])

/** The Koa middleware that serves an app. */
export function requestHandler (app: Application): Koa.Middleware {
  return async (koa) => {
    const ctx = new HttpContext(app, koa)
    const started = app.requestLog ? performance.now() : 0
    koa.res.setHeader('X-Request-Id', ctx.request.id())
    let failure: unknown = null
    try {
      await dispatch(app, ctx)
    } catch (error) {
      failure = error
    }
    if (ctx.hasSession && (failure === null || statusOf(failure) < 500)) {
      try {
        await ctx.session.commit()
      } catch (error) {
        failure = error
      }
    }
    if (failure !== null) await app.exceptionHandler.handle(failure, ctx)
    // Files of a multipart body its handler never received are read into nothing; and an answer
    // given before the whole body arrived (a 404, a 403, a 413...) is the connection's last.
    ctx.dropUploads()
    if (!koa.req.complete) koa.set('Connection', 'close')
    ctx.cookies.flush(koa)
    if (app.requestLog) logRequest(app.logger, ctx, started)
  }
}

async function dispatch (app: Application, ctx: HttpContext): Promise<void> {
  const { koa } = ctx
  if (app.devHosts !== null && !app.devHosts.allows(koa.get('host'))) throw E_HOST_NOT_ALLOWED(koa.get('host'))
  let found = app.router.match(koa.method, koa.path)
  // A path no route knows is a 404 whatever its verb: its body is never read.
  if (koa.method === 'POST' && (found.route !== null || found.allowed.length > 0) && await spoofMethod(app, ctx)) {
    found = app.router.match(koa.method, koa.path)
  }
  if (found.route) {
    ctx.params = found.params
    ctx.route = found.route
    await found.route.payload(ctx)
    if (koa.body == null && koa.status === 404) {
      app.logger.debug(`${koa.method} ${koa.path}: the handler sent no response`)
      throw E_ROUTE_NOT_FOUND(koa.method, koa.path)
    }
    return
  }
  if (found.allowed.length > 0) {
    if (koa.method === 'OPTIONS') {
      koa.set('Allow', found.allowed.join(', '))
      koa.status = 204
      return
    }
    throw E_METHOD_NOT_ALLOWED(koa.method, koa.path, found.allowed)
  }
  if ((koa.method === 'GET' || koa.method === 'HEAD') && app.publicFiles !== null && await app.publicFiles.serve(koa)) return
  throw E_ROUTE_NOT_FOUND(koa.method, koa.path)
}

/** A form cannot send PUT, PATCH or DELETE: it posts with _method in the query or the body. Resolves with whether the verb changed. */
async function spoofMethod (app: Application, ctx: HttpContext): Promise<boolean> {
  let spoofed: unknown = ctx.koa.querystring.includes('_method=') ? ctx.request.get()._method : undefined
  if (spoofed === undefined && app.readsBodies) {
    await ctx.parseBody()
    spoofed = ctx.request.post()._method
  }
  if (typeof spoofed !== 'string' || !SPOOFABLE.has(spoofed.toUpperCase())) return false
  ctx.koa.method = spoofed.toUpperCase()
  return true
}

function statusOf (error: unknown): number {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : 500
}
