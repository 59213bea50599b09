/**
 * `Route`, as start/routes.ts and handlers use it. While an app boots, definitions go to that
 * app's collector; once it has booted, Route.url() and Route.list() read its router.
 */
import { E_ROUTES_NOT_LOADED } from '../errors'
import type { RouteGroup } from './group'
import type { RouteResource } from './resource'
import type { RouteBuilder } from './route'
import { RouteCollector, toVerbs } from './route_collector'
import type { CompiledRoute, Router } from './router'
import type { Verb } from './types'
import type { DefineRoute, GeneratorHandler, HandlerFunction, RouteHandler } from './types'

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

export const Route = {
  get: define(['GET']),
  post: define(['POST']),
  put: define(['PUT']),
  patch: define(['PATCH']),
  delete: define(['DELETE']),
  options: define(['OPTIONS']),
  /** Every verb. */
  any: define(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),

  /** One handler for several verbs: Route.match(['get', 'post'], '/login', 'AuthController.login'). */
  match: matchVerbs as {
    (verbs: string[], pattern: string, handler: GeneratorHandler): RouteBuilder
    (verbs: string[], pattern: string, handler: RouteHandler): RouteBuilder
  },

  /** A route that only renders a view: Route.on('/').render('welcome'). */
  on: (pattern: string) => ({
    render: (view: string, data: Record<string, unknown> = {}): RouteBuilder => {
      const renderView: HandlerFunction = (_request, response) => response.sendView(view, data)
      // route:list shows it as the view it renders.
      Object.defineProperty(renderView, 'name', { value: `view ${view}` })
      return collector.add(['GET'], pattern, renderView)
    },
  }),

  group: (nameOrCallback: string | (() => void), callback?: () => void): RouteGroup => collector.group(nameOrCallback, callback),

  /** The seven conventional routes of a resource controller. */
  resource: (resource: string, controller: string): RouteResource => collector.resource(resource, controller),

  /**
   * The URL of a named route (or of the route whose handler is 'Controller.method'), with
   * params filling the pattern and the rest as a query string.
   */
  url: (identifier: string, params: Record<string, unknown> = {}): string => bootedRouter('url').url(identifier, params),

  /** Every route, in the order they match. */
  list: (): CompiledRoute[] => bootedRouter('list').list(),
}
