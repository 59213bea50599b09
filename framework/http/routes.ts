/**
 * Where routes meet requests: the routes file's builders become the app's router, each route
 * with its handler resolved, its named middleware looked up in the kernel, and one composed
 * function to run as its payload. Every mistake found here stops the boot with the route it is
 * about.
 */
import { E_UNKNOWN_NAMED_MIDDLEWARE } from '../errors'
import type { AppMiddleware, Kernel } from '../middleware/kernel'
import { compose, yieldableNext } from '../middleware/runner'
import type { RouteCollector } from '../routing/route_collector'
import { describeRoute, Router } from '../routing/router'
import type { HttpContext } from './context'
import { ControllerLoader, resolveHandler } from './handlers'
import { receiveUploads } from './middleware/body_parser'
import type { HttpMiddleware } from './middleware/step'

/** What a route runs: its middleware, then its handler. The router keeps it as the route's payload. */
export type RouteRunner = (ctx: HttpContext) => Promise<void>

/** The app's own middleware as a step: handle(request, response, next). */
export function appMiddlewareStep (middleware: AppMiddleware): HttpMiddleware {
  return { step: (ctx, next) => middleware.handle([ctx.request, ctx.response, yieldableNext(next)]), readsBodies: false }
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
    const namedSteps = definition.middleware.map((name) => {
      const entry = kernel.named.get(name)
      if (!entry) throw E_UNKNOWN_NAMED_MIDDLEWARE(name, label, [...kernel.named.keys()])
      return entry.middleware.step
    })
    router.add({
      methods: definition.methods,
      pattern: definition.pattern,
      name: definition.name,
      handler: handler.label,
      middleware: definition.middleware,
      payload: compose<HttpContext>([...globalSteps, ...namedSteps, receiveUploads, handler.step], label),
    })
  }
  return router
}
