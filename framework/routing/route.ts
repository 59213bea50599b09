/**
 * One route as written in start/routes.ts: `Route.get('/users/:id', 'UserController.show')
 * .as('user.profile').middleware(['auth'])`. Builders are committed to the router once the
 * routes file has run, so groups can still add prefixes and middleware after the fact.
 */
import { flattenKeys } from '../support/object_path'
import type { MiddlewareNames, RouteDefinition, RouteFormats, RouteHandler, Verb } from './types'

export class RouteBuilder {
  readonly #methods: Verb[]
  #pattern: string
  #handler: RouteHandler
  #name: string | null = null
  #middleware: string[] = []
  #formats: RouteFormats | null = null
  #domain: string | null = null
  #removed = false

  constructor (methods: Verb[], pattern: string, handler: RouteHandler) {
    this.#methods = methods
    this.#pattern = normalizePattern(pattern)
    this.#handler = handler
  }

  /** Names the route, for Route.url(), response.route() and the `route` view filter. */
  as (name: string): this {
    this.#name = name
    return this
  }

  /**
   * Named middleware (from namedMiddleware in app/Http/kernel.ts) run for this route, before
   * those of its groups. 'auth:api,session' hands 'api' and 'session' to the middleware's handle.
   */
  middleware (...names: MiddlewareNames): this {
    this.#middleware.push(...flattenKeys(names))
    return this
  }

  /** AdonisJs 3's other spelling of middleware(). */
  middlewares (...names: MiddlewareNames): this {
    return this.middleware(...names)
  }

  /**
   * `.formats(['json', 'html'])`: /users, /users.json and /users.html all answer, and
   * request.format() tells which; with `strict`, the extension is required.
   */
  formats (list: string[], strict = false): this {
    const previous = this.#formats
    const merged = previous === null ? list : [...new Set([...previous.list, ...list])]
    this.#formats = { list: merged.map((format) => format.replace(/^\./, '').toLowerCase()), strict: strict && (previous?.strict ?? true) }
    return this
  }

  /** Used by groups: prepends a URL prefix. */
  prefixWith (prefix: string): void {
    this.#pattern = normalizePattern(`${normalizePattern(prefix)}${this.#pattern === '/' ? '' : this.#pattern}`)
  }

  /** Used by groups: their middleware runs after the route's own, as in AdonisJs 3. */
  appendMiddleware (names: string[]): void {
    this.#middleware.push(...names)
  }

  /** Used by groups: prefixes the route's name (`admin.` + `dashboard`). */
  prefixName (prefix: string): void {
    if (this.#name !== null) this.#name = `${prefix}.${this.#name}`
  }

  /** Used by groups: the host the route answers on. */
  setDomain (domain: string): void {
    this.#domain = domain
  }

  /** Used by resource members and collections: another handler ('Controller.method'). */
  setHandler (handler: RouteHandler): void {
    this.#handler = handler
  }

  /** Used by resources: drops a route left out by only() or except(). */
  remove (): void {
    this.#removed = true
  }

  get removed (): boolean {
    return this.#removed
  }

  get name (): string | null {
    return this.#name
  }

  toDefinition (): RouteDefinition {
    return {
      methods: this.#methods,
      pattern: this.#pattern,
      name: this.#name,
      handler: this.#handler,
      middleware: [...this.#middleware],
      formats: this.#formats,
      domain: this.#domain,
    }
  }
}

/** '/users/' and 'users' become '/users'; '' becomes '/'. */
export function normalizePattern (pattern: string): string {
  const trimmed = pattern.trim().replace(/\/+$/, '')
  if (trimmed === '') return '/'
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}
