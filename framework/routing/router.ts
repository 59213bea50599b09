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
import { DomainPattern, RouteConstraints, withFormats, withoutExtension } from './route_match'
import { fillPattern, hasProperties, stringValues, withQuery } from './route_url'
import type { RouteFormats, Verb } from './types'

/** A route as route:list and Route.list() show it. */
export interface RouteInfo {
  methods: Verb[]
  pattern: string
  name: string | null
  /** 'UserController.show', or the function's name ('Closure' when it has none). */
  handler: string
  middleware: string[]
  /** The extensions it also answers with (.formats()); none when null or absent. */
  formats?: RouteFormats | null
  /** The host it answers on (a group's .domain()); when null or absent, any host but those of domains. */
  domain?: string | null
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
  /** Formats and domain, for the few routes that have them. */
  constraints: RouteConstraints | null
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
  /** Whether a route has formats: only then is a path's extension looked at. */
  #hasFormats = false
  /** The domains of routes, by source: only when there are some is the request's host looked at. */
  readonly #domains = new Map<string, DomainPattern>()
  #hasDomains = false

  add (route: CompiledRoute<T>): void {
    const label = describeRoute(route)
    for (const method of route.methods) {
      const key = `${method} ${route.domain ?? ''}${route.pattern}`
      if (this.#seen.has(key)) throw E_DUPLICATE_ROUTE(key)
      this.#seen.add(key)
    }
    let layer: KoaRouter.Layer
    try {
      layer = this.#compiler.register(withFormats(toPathPattern(route.pattern), route.formats ?? null), route.methods, NOOP, { name: route.name ?? undefined })
    } catch (error) {
      throw E_INVALID_HANDLER(label, `has a pattern that cannot be parsed: ${(error as Error).message}`)
    }
    const entry: Entry<T> = { route, layer, order: this.#entries.length, constraints: this.#constraintsOf(route) }
    if (route.name !== null) {
      const first = this.#byName.get(route.name)
      if (first) throw E_DUPLICATE_ROUTE_NAME(route.name, describeRoute(first.route), label)
      this.#byName.set(route.name, entry)
    }
    if (!this.#byHandler.has(route.handler)) this.#byHandler.set(route.handler, entry)
    this.#entries.push(entry)
    this.#index.add(route.pattern, entry)
  }

  /** Whether some route has a domain: the request layer then passes the host to match(). */
  get hasDomains (): boolean {
    return this.#hasDomains
  }

  /**
   * The route for this verb, path and host with its params, or the verbs the path allows (none:
   * 404). On a host of a domain, only that domain's routes answer, as in AdonisJs 3.
   */
  match (method: string, path: string, host = ''): RouteMatch<T> {
    const candidates = this.#hasFormats ? this.#candidatesWithFormats(path) : this.#index.candidates(path)
    const onDomain = this.#hasDomains && this.#isDomainHost(host)
    for (const entry of candidates) {
      const { layer } = entry
      if (!layer.methods.includes(method)) continue
      const captures = layer.regexp.exec(path)
      if (captures === null) continue
      const params = layer.paramNames.length === 0 ? NO_PARAMS : paramsOf(layer, captures)
      // The common case, decided without a call: no formats, no domain, not a domain's host.
      if (entry.constraints === null && !onDomain) return { route: entry.route, params }
      const accepted = constrained(entry, params, host, onDomain)
      if (accepted !== null) return { route: entry.route, params: accepted }
    }
    const allowed = new Set<string>()
    for (const entry of candidates) {
      const captures = entry.layer.regexp.exec(path)
      if (captures === null) continue
      if ((entry.constraints !== null || onDomain) && constrained(entry, paramsOf(entry.layer, captures), host, onDomain) === null) continue
      for (const verb of entry.layer.methods) allowed.add(verb)
    }
    return { route: null, allowed: [...allowed] }
  }

  /**
   * The URL of a route by name or by 'Controller.method'; params not in the pattern become the
   * query. A route with a domain gets '//host/path'. What names no route but holds a '/' is a
   * pattern or URL to fill, as in AdonisJs 3: Route.url('/posts/:id', { id: 1 }).
   */
  url (identifier: string, params: Record<string, unknown> = {}): string {
    const values = stringValues(params)
    const entry = this.#byName.get(identifier) ?? this.#byHandler.get(identifier)
    if (!entry) {
      // A mistyped name has no '/': it is refused rather than turned into a URL.
      if (!identifier.includes('/')) throw E_UNKNOWN_ROUTE(identifier)
      const { url, used } = fillPattern(identifier, values, (name) => E_ROUTE_PARAM_MISSING(identifier, identifier, `no value for '${name}'`))
      return withQuery(url, values, used)
    }
    const { layer, constraints } = entry
    const domain = constraints?.domain ?? null
    const used = new Set([...layer.paramNames.map((param) => param.name), ...(domain?.names ?? [])])
    if (values.format !== undefined) values.format = values.format.replace(/^\./, '')
    let url: string
    try {
      let build = this.#builders.get(entry)
      if (build === undefined) {
        build = compile<Record<string, string>>(layer.path, { encode: encodeURIComponent })
        this.#builders.set(entry, build)
      }
      url = build(values)
    } catch (error) {
      throw E_ROUTE_PARAM_MISSING(identifier, layer.path, (error as Error).message)
    }
    if (domain !== null) url = `//${domain.build(values, (name) => E_ROUTE_PARAM_MISSING(identifier, domain.source, `no value for '${name}'`))}${url}`
    return withQuery(url, values, used)
  }

  /**
   * The first route with these properties, as AdonisJs 3's Route.getRoute({ name: 'user.show' })
   * (its spellings route, verb and middlewares are understood too), or undefined.
   */
  getRoute (properties: Record<string, unknown>): CompiledRoute<T> | undefined {
    return this.#entries.find((entry) => hasProperties(entry.route, properties))?.route
  }

  /** The route named so, or else the first whose handler is this 'Controller.method'. */
  find (identifier: string): CompiledRoute<T> | undefined {
    return (this.#byName.get(identifier) ?? this.#byHandler.get(identifier))?.route
  }

  /** Every route, in matching order. */
  list (): Array<CompiledRoute<T>> {
    return this.#entries.map((entry) => entry.route)
  }

  #constraintsOf (route: CompiledRoute<T>): RouteConstraints | null {
    const formats = route.formats ?? null
    if (formats !== null) this.#hasFormats = true
    if (route.domain == null) return formats === null ? null : new RouteConstraints(formats, null)
    let domain = this.#domains.get(route.domain)
    if (domain === undefined) this.#domains.set(route.domain, domain = new DomainPattern(route.domain))
    this.#hasDomains = true
    return new RouteConstraints(formats, domain)
  }

  /** The index's candidates, and those of the path without its extension (some route has formats). */
  #candidatesWithFormats (path: string): Array<Entry<T>> {
    const found = this.#index.candidates(path)
    const bare = withoutExtension(path)
    if (bare === null) return found
    const all = [...found, ...this.#index.candidates(bare)].sort((a, b) => a.order - b.order)
    return all.filter((entry, index) => index === 0 || entry !== all[index - 1])
  }

  #isDomainHost (host: string): boolean {
    for (const domain of this.#domains.values()) if (domain.match(host) !== null) return true
    return false
  }
}

/** The params of a path match once the entry's domain and format are checked, else null. */
function constrained<T> (entry: Entry<T>, params: Record<string, string>, host: string, onDomain: boolean): Record<string, string> | null {
  const { constraints } = entry
  // On a host of a domain, only that domain's routes answer.
  if (constraints === null) return onDomain ? null : params
  if (onDomain && constraints.domain === null) return null
  return constraints.accept(params, host)
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
