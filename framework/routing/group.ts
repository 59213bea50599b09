/**
 * Route.group(): routes defined inside the callback share a prefix, middleware, a name
 * prefix, formats and a domain. Nested groups apply from the inside out, so the outer prefix
 * comes first and the outer middleware runs last.
 */
import { flattenKeys } from '../support/object_path'
import type { RouteBuilder } from './route'
import type { MiddlewareNames } from './types'

export class RouteGroup {
  readonly #routes: RouteBuilder[] = []

  constructor (readonly name: string | null) {}

  /** Used by the collector while the group's callback runs. */
  add (route: RouteBuilder): void {
    this.#routes.push(route)
  }

  /** `.prefix('/admin')`: every route of the group is under /admin. */
  prefix (prefix: string): this {
    for (const route of this.#routes) route.prefixWith(prefix)
    return this
  }

  /** `.middleware(['auth'])`: runs after each route's own middleware, as in AdonisJs 3. */
  middleware (...names: MiddlewareNames): this {
    const list = flattenKeys(names)
    for (const route of this.#routes) route.appendMiddleware(list)
    return this
  }

  /** AdonisJs 3's other spelling of middleware(). */
  middlewares (...names: MiddlewareNames): this {
    return this.middleware(...names)
  }

  /** `.as('admin')`: route names become 'admin.<name>'. */
  as (namePrefix: string): this {
    for (const route of this.#routes) route.prefixName(namePrefix)
    return this
  }

  /** `.formats(['json'], strict)` on every route of the group. */
  formats (list: string[], strict = false): this {
    for (const route of this.#routes) route.formats(list, strict)
    return this
  }

  /**
   * `.domain('blog.example.com')`: the group's routes answer on that host only;
   * `.domain(':user.example.com')` makes the first label the `user` param.
   */
  domain (domain: string): this {
    for (const route of this.#routes) route.setDomain(domain.trim())
    return this
  }
}
