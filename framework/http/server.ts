/**
 * One request, start to finish: spoof the verb, match a route, run its middleware and handler,
 * commit the session, turn any error into a response, then set the cookies. A request that
 * matches no route may be a file in public/; if not, it goes through the global middleware to
 * its 404 (or 405).
 */
import type Koa from 'koa'
import type { Application } from '../application'
import { E_HOST_NOT_ALLOWED, E_ROUTE_NOT_FOUND } from '../errors'
import { HttpContext } from './context'
import { applyCors } from './middleware/cors'
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
  // Before routing: a preflight is answered here, with no session or body read.
  if (app.cors !== null && applyCors(app.cors, koa)) return
  // The host is read only when some route has a domain.
  const host = app.router.hasDomains ? koa.hostname : ''
  let found = app.router.match(koa.method, koa.path, host)
  // A path no route knows is a 404 whatever its verb: its body is never read.
  if (koa.method === 'POST' && (found.route !== null || found.allowed.length > 0)) {
    if (app.allowMethodSpoofing) {
      if (await spoofMethod(app, ctx)) found = app.router.match(koa.method, koa.path, host)
    } else if (found.route !== null) {
      await warnOfSpoofing(app, ctx)
    }
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
  if (found.allowed.length === 0 && (koa.method === 'GET' || koa.method === 'HEAD') && app.publicFiles !== null && await app.publicFiles.serve(koa)) return
  ctx.allowed = found.allowed
  await app.unrouted(ctx)
}

/** The _method a POST carries, in the query or (when a global middleware reads bodies) in the body. */
async function spoofedMethod (app: Application, ctx: HttpContext): Promise<unknown> {
  if (ctx.koa.querystring.includes('_method=')) return ctx.request.get()._method
  if (!app.readsBodies) return undefined
  await ctx.parseBody()
  return ctx.request.post()._method
}

/** A form cannot send PUT, PATCH or DELETE: it posts with _method in the query or the body. Resolves with whether the verb changed. */
async function spoofMethod (app: Application, ctx: HttpContext): Promise<boolean> {
  const spoofed = await spoofedMethod(app, ctx)
  if (typeof spoofed !== 'string' || !SPOOFABLE.has(spoofed.toUpperCase())) return false
  ctx.koa.method = spoofed.toUpperCase()
  return true
}

/** Said once per process: a form sends _method while spoofing is off, so its verb is not the one meant. */
let spoofingWarned = false

async function warnOfSpoofing (app: Application, ctx: HttpContext): Promise<void> {
  if (spoofingWarned || await spoofedMethod(app, ctx) === undefined) return
  spoofingWarned = true
  app.logger.warn(`${ctx.koa.method} ${ctx.koa.path} sent _method, but method spoofing is off, so it is answered as a POST: ` +
    'set http.allowMethodSpoofing to true in config/app.ts to take _method as the verb')
}

function statusOf (error: unknown): number {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : 500
}
