/**
 * One route as written in start/routes.ts: `Route.get('/users/:id', 'UserController.show')
 * .as('user.profile').middleware(['auth'])`. Builders are committed to the router once the
 * routes file has run, so groups can still add prefixes and middleware after the fact.
 */
import { flattenKeys } from '../support/object_path'
import type { MiddlewareNames, RouteDefinition, RouteHandler, Verb } from './types'

export class RouteBuilder {
  readonly #methods: Verb[]
  #pattern: string
  readonly #handler: RouteHandler
  #name: string | null = null
  #middleware: string[] = []
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

  /** Named middleware (from namedMiddleware in app/Http/kernel.ts) run for this route only. */
  middleware (...names: MiddlewareNames): this {
    this.#middleware.push(...flattenKeys(names))
    return this
  }

  /** Used by groups: prepends a URL prefix. */
  prefixWith (prefix: string): void {
    this.#pattern = normalizePattern(`${normalizePattern(prefix)}${this.#pattern === '/' ? '' : this.#pattern}`)
  }

  /** Used by groups: runs these middleware before the route's own. */
  prependMiddleware (names: string[]): void {
    this.#middleware = [...names, ...this.#middleware]
  }

  /** Used by groups: prefixes the route's name (`admin.` + `dashboard`). */
  prefixName (prefix: string): void {
    if (this.#name !== null) this.#name = `${prefix}.${this.#name}`
  }

  /** Used by resources: drops a route left out by only() or except(). */
  remove (): void {
    this.#removed = true
  }

  get removed (): boolean {
    return this.#removed
  }

  toDefinition (): RouteDefinition {
    return {
      methods: this.#methods,
      pattern: this.#pattern,
      name: this.#name,
      handler: this.#handler,
      middleware: this.#middleware,
    }
  }
}

/** '/users/' and 'users' become '/users'; '' becomes '/'. */
export function normalizePattern (pattern: string): string {
  const trimmed = pattern.trim().replace(/\/+$/, '')
  if (trimmed === '') return '/'
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}
