/**
 * Where routes meet requests: the routes file's builders become the app's router, each route
 * with its handler resolved, its named middleware looked up in the kernel, and one composed
 * function to run as its payload. Every mistake found here stops the boot with the route it is
 * about.
 */
import { E_METHOD_NOT_ALLOWED, E_MIDDLEWARE_TAKES_NO_PARAMS, E_ROUTE_NOT_FOUND, E_UNKNOWN_NAMED_MIDDLEWARE } from '../errors'
import type { AppMiddleware, Kernel } from '../middleware/kernel'
import { compose, yieldableNext } from '../middleware/runner'
import type { RouteCollector } from '../routing/route_collector'
import { describeRoute, Router } from '../routing/router'
import type { HttpContext } from './context'
import { ControllerLoader, resolveHandler } from './handlers'
import { receiveUploads } from './middleware/body_parser'
import type { HttpMiddleware, HttpStep } from './middleware/step'

/** What a route runs: its middleware, then its handler. The router keeps it as the route's payload. */
export type RouteRunner = (ctx: HttpContext) => Promise<void>

/**
 * The app's own middleware as a step: handle(request, response, next), and with a route's
 * parameters after next, as AdonisJs 3 passed them: 'auth:api,session' calls
 * handle(request, response, next, 'api', 'session').
 */
export function appMiddlewareStep (middleware: AppMiddleware): HttpMiddleware {
  return {
    step: (ctx, next) => middleware.handle([ctx.request, ctx.response, yieldableNext(next)]),
    withParams: (params) => (ctx, next) => middleware.handle([ctx.request, ctx.response, yieldableNext(next), ...params]),
    readsBodies: false,
  }
}

export function compileRoutes (collector: RouteCollector, kernel: Kernel<HttpMiddleware>, root: string): Router<RouteRunner> {
  const router = new Router<RouteRunner>()
  const controllers = new ControllerLoader(root)
  const globalSteps = kernel.global.map((entry) => entry.middleware.step)
  for (const builder of collector.routes) {
    if (builder.removed) continue
    const definition = builder.toDefinition()
    const label = describeRoute(definition)
    const handler = resolveHandler(definition.handler, label, controllers, root)
    const namedSteps = namedMiddlewareSteps(definition.middleware, kernel, label)
    router.add({
      methods: definition.methods,
      pattern: definition.pattern,
      name: definition.name,
      handler: handler.label,
      middleware: definition.middleware,
      formats: definition.formats,
      domain: definition.domain,
      payload: compose<HttpContext>([...globalSteps, ...namedSteps, receiveUploads, handler.step], label),
    })
  }
  return router
}

/**
 * A route's named middleware, in the order listed (its own, then its groups'). As in AdonisJs 3,
 * a middleware listed twice runs once, where it was first listed, with the parameters given last.
 */
function namedMiddlewareSteps (names: string[], kernel: Kernel<HttpMiddleware>, label: string): HttpStep[] {
  const chosen = new Map<string, { alias: string, middleware: HttpMiddleware, params: string[] }>()
  for (const written of names) {
    const colon = written.indexOf(':')
    const alias = colon === -1 ? written : written.slice(0, colon)
    const params = colon === -1 || colon === written.length - 1 ? [] : written.slice(colon + 1).split(',')
    const entry = kernel.named.get(alias)
    if (!entry) throw E_UNKNOWN_NAMED_MIDDLEWARE(alias, label, [...kernel.named.keys()])
    chosen.set(entry.name, { alias, middleware: entry.middleware, params })
  }
  return [...chosen].map(([name, { alias, middleware, params }]) => {
    if (params.length === 0) return middleware.step
    if (middleware.withParams === undefined) throw E_MIDDLEWARE_TAKES_NO_PARAMS(alias, label, name)
    return middleware.withParams(params)
  })
}

/** The last step on a request no route matched: a 404, a 405, or the answer to OPTIONS. */
const answerUnrouted: HttpStep = (ctx) => {
  const { koa, allowed } = ctx
  if (allowed.length === 0) throw E_ROUTE_NOT_FOUND(koa.method, koa.path)
  if (koa.method !== 'OPTIONS') throw E_METHOD_NOT_ALLOWED(koa.method, koa.path, allowed)
  koa.set('Allow', allowed.join(', '))
  koa.status = 204
}

/**
 * What runs on a request no route matched: the global middleware, as in AdonisJs 3 (so that a
 * middleware may log it or answer it), then the 404, 405 or OPTIONS answer.
 */
export function compileUnrouted (kernel: Kernel<HttpMiddleware>): RouteRunner {
  const globalSteps = kernel.global.map((entry) => entry.middleware.unrouted ?? entry.middleware.step)
  return compose<HttpContext>([...globalSteps, answerUnrouted], 'the global middleware of a request no route matched')
}
