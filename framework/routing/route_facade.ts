/**
 * `Route`, as start/routes.ts and handlers use it. While an app boots, definitions go to that
 * app's collector; once it has booted, Route.url() and Route.list() read its router.
 */
import { E_ROUTES_NOT_LOADED } from '../errors'
import type { RouteGroup } from './group'
import type { RouteResource } from './resource'
import type { RouteBuilder } from './route'
import { RouteCollector } from './route_collector'
import type { RouteInfo, Router } from './router'
import type { AnyHandlerFunction, DefineRoute, RouteHandler, Verb } from './types'
import { toVerbs } from './verbs'

const define = (methods: Verb[]): DefineRoute<RouteBuilder> =>
  (pattern: string, handler: RouteHandler) => collector.add(methods, pattern, handler)

let collector = new RouteCollector()
let router: Router | null = null

/** Starts collecting a fresh set of routes (the ignitor calls this before loading start/routes.ts). */
export function beginRoutes (): RouteCollector {
  collector = new RouteCollector()
  router = null
  return collector
}

/** Makes a compiled router the one Route.url() and Route.list() answer from. */
export function useRouter (compiled: Router): void {
  router = compiled
}

function matchVerbs (verbs: string[], pattern: string, handler: RouteHandler): RouteBuilder {
  return collector.add(toVerbs(verbs), pattern, handler)
}

function bootedRouter (method: string): Router {
  if (!router) throw E_ROUTES_NOT_LOADED(method)
  return router
}

/**
 * What `Route` offers. `F` is the type of handler functions and `G` that of generator
 * handlers: the request layer fills them in (http/handler_types.ts) so that `function *
 * (request, response)` in a routes file has typed parameters.
 */
export interface RouteFacade<F extends AnyHandlerFunction = AnyHandlerFunction, G extends AnyHandlerFunction = F> {
  get: DefineRoute<RouteBuilder, F, G>
  post: DefineRoute<RouteBuilder, F, G>
  put: DefineRoute<RouteBuilder, F, G>
  patch: DefineRoute<RouteBuilder, F, G>
  delete: DefineRoute<RouteBuilder, F, G>
  options: DefineRoute<RouteBuilder, F, G>
  /** Every verb. */
  any: DefineRoute<RouteBuilder, F, G>
  /** One handler for several verbs: Route.match(['get', 'post'], '/login', 'AuthController.login'). */
  match: {
    (verbs: string[], pattern: string, handler: G): RouteBuilder
    (verbs: string[], pattern: string, handler: RouteHandler<F>): RouteBuilder
  }
  /** A route that only renders a view: Route.on('/').render('welcome'). */
  on (pattern: string): { render (view: string, data?: Record<string, unknown>): RouteBuilder }
  group (nameOrCallback: string | (() => void), callback?: () => void): RouteGroup
  /** The seven conventional routes of a resource controller. */
  resource (resource: string, controller: string): RouteResource
  /** AdonisJs 3's other spelling of resource(). */
  resources (resource: string, controller: string): RouteResource
  /**
   * The URL of a named route (or of the route whose handler is 'Controller.method'), with
   * params filling the pattern and the rest as a query string; '//host/path' for a route with
   * a domain. A pattern or URL ('/posts/:id') is filled in the same way.
   */
  url (identifier: string, params?: Record<string, unknown>): string
  /** Every route, in the order they match. */
  list (): RouteInfo[]
  /** AdonisJs 3's name for list(). */
  routes (): RouteInfo[]
  /** The first route with these properties: Route.getRoute({ name: 'user.show' }), or undefined. */
  getRoute (properties: Record<string, unknown>): RouteInfo | undefined
}

export const Route: RouteFacade = {
  get: define(['GET']),
  post: define(['POST']),
  put: define(['PUT']),
  patch: define(['PATCH']),
  delete: define(['DELETE']),
  options: define(['OPTIONS']),
  /** Every verb. */
  any: define(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),

  match: matchVerbs,
  on: (pattern) => ({
    render: (view, data = {}) => collector.add(['GET'], pattern, { view, data }),
  }),
  group: (nameOrCallback, callback) => collector.group(nameOrCallback, callback),
  resource: (resource, controller) => collector.resource(resource, controller),
  resources: (resource, controller) => collector.resource(resource, controller),
  url: (identifier, params = {}) => bootedRouter('url').url(identifier, params),
  list: () => bootedRouter('list').list(),
  routes: () => bootedRouter('routes').list(),
  getRoute: (properties) => bootedRouter('getRoute').getRoute(properties),
}
