/**
 * The routes of a booted app. Built once at boot from the routes file's definitions; refuses
 * duplicate routes and names. koa-router's Layer still turns each pattern into its regular
 * expression, so every pattern means what it meant; koa-router's own
 * match() is not used, as it tries every route in turn: an index of path segments
 * (route_index.ts) picks the few candidates first.
 *
 * The router knows nothing of requests: each route carries a payload of type T that the
 * request layer gives it (the function that runs the route) and gets back from match().
 */
import KoaRouter from 'koa-router'
import { compile, type PathFunction } from 'path-to-regexp'
import { E_DUPLICATE_ROUTE, E_DUPLICATE_ROUTE_NAME, E_INVALID_HANDLER, E_ROUTE_PARAM_MISSING, E_UNKNOWN_ROUTE } from '../errors'
import { RouteIndex } from './route_index'
import type { Verb } from './types'

/** A route as route:list and Route.list() show it. */
export interface RouteInfo {
  methods: Verb[]
  pattern: string
  name: string | null
  /** 'UserController.show', or the function's name ('Closure' when it has none). */
  handler: string
  middleware: string[]
}

/** A route ready to serve: what the routes file said, and what the request layer runs for it. */
export interface CompiledRoute<T = unknown> extends RouteInfo {
  payload: T
}

export type RouteMatch<T = unknown> =
  | { route: CompiledRoute<T>, params: Record<string, string> }
  | { route: null, allowed: string[] }

interface Entry<T> {
  route: CompiledRoute<T>
  layer: KoaRouter.Layer
  /** Its place in the routes file: where patterns overlap, the first defined wins. */
  order: number
}

/** Layers want a middleware; the route's payload is kept beside its layer instead. */
const NOOP = (): void => {}
const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>

export class Router<T = unknown> {
  /** Compiles each pattern into a Layer (its stack is never walked: see match()). */
  readonly #compiler = new KoaRouter()
  readonly #entries: Array<Entry<T>> = []
  readonly #index = new RouteIndex<Entry<T>>()
  readonly #byName = new Map<string, Entry<T>>()
  readonly #byHandler = new Map<string, Entry<T>>()
  readonly #seen = new Set<string>()
  /** URL builders, compiled on first use per route. */
  readonly #builders = new Map<Entry<T>, PathFunction<Record<string, string>>>()

  add (route: CompiledRoute<T>): void {
    const label = describeRoute(route)
    for (const method of route.methods) {
      const key = `${method} ${route.pattern}`
      if (this.#seen.has(key)) throw E_DUPLICATE_ROUTE(key)
      this.#seen.add(key)
    }
    let layer: KoaRouter.Layer
    try {
      layer = this.#compiler.register(toPathPattern(route.pattern), route.methods, NOOP, { name: route.name ?? undefined })
    } catch (error) {
      throw E_INVALID_HANDLER(label, `has a pattern that cannot be parsed: ${(error as Error).message}`)
    }
    const entry: Entry<T> = { route, layer, order: this.#entries.length }
    if (route.name !== null) {
      const first = this.#byName.get(route.name)
      if (first) throw E_DUPLICATE_ROUTE_NAME(route.name, describeRoute(first.route), label)
      this.#byName.set(route.name, entry)
    }
    if (!this.#byHandler.has(route.handler)) this.#byHandler.set(route.handler, entry)
    this.#entries.push(entry)
    this.#index.add(route.pattern, entry)
  }

  /** The route for this verb and path with its params, or the verbs the path allows (none: 404). */
  match (method: string, path: string): RouteMatch<T> {
    const candidates = this.#index.candidates(path)
    for (const { layer, route } of candidates) {
      if (!layer.methods.includes(method)) continue
      const captures = layer.regexp.exec(path)
      if (captures === null) continue
      return { route, params: layer.paramNames.length === 0 ? NO_PARAMS : paramsOf(layer, captures) }
    }
    const allowed = new Set<string>()
    for (const { layer } of candidates) {
      if (layer.regexp.test(path)) for (const verb of layer.methods) allowed.add(verb)
    }
    return { route: null, allowed: [...allowed] }
  }

  /** The URL of a route by name or by 'Controller.method'; params not in the pattern become the query. */
  url (identifier: string, params: Record<string, unknown> = {}): string {
    const entry = this.#byName.get(identifier) ?? this.#byHandler.get(identifier)
    if (!entry) throw E_UNKNOWN_ROUTE(identifier)
    const { layer } = entry
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
      let build = this.#builders.get(entry)
      if (build === undefined) {
        build = compile<Record<string, string>>(layer.path, { encode: encodeURIComponent })
        this.#builders.set(entry, build)
      }
      url = build(pathParams)
    } catch (error) {
      throw E_ROUTE_PARAM_MISSING(identifier, layer.path, (error as Error).message)
    }
    const search = query.toString()
    return search ? `${url}?${search}` : url
  }

  /** The route named so, or else the first whose handler is this 'Controller.method'. */
  find (identifier: string): CompiledRoute<T> | undefined {
    return (this.#byName.get(identifier) ?? this.#byHandler.get(identifier))?.route
  }

  /** Every route, in matching order. */
  list (): Array<CompiledRoute<T>> {
    return this.#entries.map((entry) => entry.route)
  }
}

/** 'GET /users/:id', for messages. */
export function describeRoute (route: { methods: string[], pattern: string }): string {
  return `${route.methods.join('|')} ${route.pattern}`
}

/** The params of a match, decoded as koa-router's Layer.params() decodes them. */
function paramsOf (layer: KoaRouter.Layer, captures: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {}
  for (let index = 0; index < layer.paramNames.length; index++) {
    const value = captures[index + 1]
    if (value !== undefined && value !== '') params[layer.paramNames[index]!.name] = decodeParam(value)
  }
  return params
}

/**
 * '+' is a space and a malformed escape stays as it is, as in koa-router. Values with nothing
 * to decode skip the regular expression and the try: most params are plain ids.
 */
function decodeParam (value: string): string {
  if (!value.includes('%') && !value.includes('+')) return value
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}

/** AdonisJs writes optional params as '/:id?'; koa-router's path-to-regexp wants '{/:id}'. */
function toPathPattern (pattern: string): string {
  return pattern.replace(/\/:(\w+)\?/g, '{/:$1}')
}
