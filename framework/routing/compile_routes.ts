/**
 * Turns the routes file's builders into the app's router: each route gets its handler
 * resolved, its named middleware looked up in the kernel, and one composed function to run.
 * Every mistake found here stops the boot with the route it is about.
 */
import { E_UNKNOWN_NAMED_MIDDLEWARE } from '../errors'
import type { Kernel } from '../middleware/kernel'
import { receiveUploads } from '../http/body_parser'
import { compose } from '../middleware/runner'
import { ControllerLoader, resolveHandler } from './handler_resolver'
import type { RouteCollector } from './route_collector'
import { describeRoute, Router } from './router'

/** What a route runs: its middleware, then its handler. The router keeps it as the route's payload. */
export type RouteRunner = ReturnType<typeof compose>

export function compileRoutes (collector: RouteCollector, kernel: Kernel, root: string): Router<RouteRunner> {
  const router = new Router<RouteRunner>()
  const controllers = new ControllerLoader(root)
  const globalSteps = kernel.global.map((entry) => entry.step)
  for (const builder of collector.routes) {
    if (builder.removed) continue
    const definition = builder.toDefinition()
    const label = describeRoute(definition)
    const handler = resolveHandler(definition.handler, label, controllers, root)
    const namedSteps = definition.middleware.map((name) => {
      const entry = kernel.named.get(name)
      if (!entry) throw E_UNKNOWN_NAMED_MIDDLEWARE(name, label, [...kernel.named.keys()])
      return entry.step
    })
    router.add({
      methods: definition.methods,
      pattern: definition.pattern,
      name: definition.name,
      handler: handler.label,
      middleware: definition.middleware,
      payload: compose([...globalSteps, ...namedSteps, receiveUploads, handler.step], label),
    })
  }
  return router
}
