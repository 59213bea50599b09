/**
 * Route.group(): routes defined inside the callback share a prefix, middleware and a name
 * prefix. Nested groups apply from the inside out, so the outer prefix comes first.
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

  /** `.middleware(['auth'])`: runs before each route's own middleware. */
  middleware (...names: MiddlewareNames): this {
    const list = flattenKeys(names)
    for (const route of this.#routes) route.prependMiddleware(list)
    return this
  }

  /** `.as('admin')`: route names become 'admin.<name>'. */
  as (namePrefix: string): this {
    for (const route of this.#routes) route.prefixName(namePrefix)
    return this
  }
}
