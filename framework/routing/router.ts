/**
 * The routes of a booted app, matched with koa-router. Built once at boot from the routes
 * file's definitions; refuses duplicate routes and names.
 */
import KoaRouter from 'koa-router'
import { compile, type PathFunction } from 'path-to-regexp'
import { E_DUPLICATE_ROUTE, E_DUPLICATE_ROUTE_NAME, E_INVALID_HANDLER, E_ROUTE_PARAM_MISSING, E_UNKNOWN_ROUTE } from '../errors'
import type { HttpContext } from '../http/context'
import type { Verb } from './types'

/** A route ready to serve. */
export interface CompiledRoute {
  methods: Verb[]
  pattern: string
  name: string | null
  /** 'UserController.show', or the function's name ('Closure' when it has none). */
  handler: string
  middleware: string[]
  run: (http: HttpContext) => Promise<void>
}

export type RouteMatch =
  | { route: CompiledRoute, params: Record<string, string> }
  | { route: null, allowed: string[] }

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>

export class Router {
  readonly #matcher = new KoaRouter()
  readonly #routes = new Map<KoaRouter.Layer, CompiledRoute>()
  readonly #byName = new Map<string, KoaRouter.Layer>()
  readonly #byHandler = new Map<string, KoaRouter.Layer>()
  readonly #seen = new Set<string>()
  /** URL builders, compiled on first use per route. */
  readonly #builders = new Map<KoaRouter.Layer, PathFunction<Record<string, string>>>()

  add (route: CompiledRoute): void {
    const label = describeRoute(route)
    for (const method of route.methods) {
      const key = `${method} ${route.pattern}`
      if (this.#seen.has(key)) throw E_DUPLICATE_ROUTE(key)
      this.#seen.add(key)
    }
    let layer: KoaRouter.Layer
    try {
      layer = this.#matcher.register(toPathPattern(route.pattern), route.methods, route.run, { name: route.name ?? undefined })
    } catch (error) {
      throw E_INVALID_HANDLER(label, `has a pattern that cannot be parsed: ${(error as Error).message}`)
    }
    if (route.name !== null) {
      const first = this.#byName.get(route.name)
      if (first) throw E_DUPLICATE_ROUTE_NAME(route.name, describeRoute(this.#routes.get(first)!), label)
      this.#byName.set(route.name, layer)
    }
    if (!this.#byHandler.has(route.handler)) this.#byHandler.set(route.handler, layer)
    this.#routes.set(layer, route)
  }

  /** The route for this verb and path with its params, or the verbs the path allows (none: 404). */
  match (method: string, path: string): RouteMatch {
    const matched = this.#matcher.match(path, method)
    if (matched.route) {
      const layer = matched.pathAndMethod[0]!
      const params = layer.paramNames.length === 0 ? NO_PARAMS : layer.params(path, layer.captures(path), {})
      return { route: this.#routes.get(layer)!, params }
    }
    const allowed = new Set<string>()
    for (const layer of matched.path) for (const verb of layer.methods) allowed.add(verb)
    return { route: null, allowed: [...allowed] }
  }

  /** The URL of a route by name or by 'Controller.method'; params not in the pattern become the query. */
  url (identifier: string, params: Record<string, unknown> = {}): string {
    const layer = this.#byName.get(identifier) ?? this.#byHandler.get(identifier)
    if (!layer) throw E_UNKNOWN_ROUTE(identifier)
    const names = new Set(layer.paramNames.map((param) => param.name))
    const pathParams: Record<string, string> = {}
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(params ?? {})) {
      if (value === undefined || value === null) continue
      if (names.has(key)) pathParams[key] = String(value)
      else query.append(key, String(value))
    }
    let url: string
    try {
      let build = this.#builders.get(layer)
      if (build === undefined) {
        build = compile<Record<string, string>>(layer.path, { encode: encodeURIComponent })
        this.#builders.set(layer, build)
      }
      url = build(pathParams)
    } catch (error) {
      throw E_ROUTE_PARAM_MISSING(identifier, layer.path, (error as Error).message)
    }
    const search = query.toString()
    return search ? `${url}?${search}` : url
  }

  /** The route named so, or else the first whose handler is this 'Controller.method'. */
  find (identifier: string): CompiledRoute | undefined {
    const layer = this.#byName.get(identifier) ?? this.#byHandler.get(identifier)
    return layer === undefined ? undefined : this.#routes.get(layer)
  }

  /** Every route, in matching order. */
  list (): CompiledRoute[] {
    return [...this.#routes.values()]
  }
}

/** 'GET /users/:id', for messages. */
export function describeRoute (route: { methods: string[], pattern: string }): string {
  return `${route.methods.join('|')} ${route.pattern}`
}

/** AdonisJs writes optional params as '/:id?'; koa-router's path-to-regexp wants '{/:id}'. */
function toPathPattern (pattern: string): string {
  return pattern.replace(/\/:(\w+)\?/g, '{/:$1}')
}
