/**
 * Collects the routes start/routes.ts defines, in order, keeping track of the groups open
 * while each route is defined.
 */
import { RouteGroup } from './group'
import { RouteResource } from './resource'
import { RouteBuilder } from './route'
import type { RouteHandler, Verb } from './types'

export class RouteCollector {
  readonly routes: RouteBuilder[] = []
  readonly #openGroups: RouteGroup[] = []

  /** Adds a route after the others, or just before `before` (it is then tried first). */
  add (methods: Verb[], pattern: string, handler: RouteHandler, before?: RouteBuilder): RouteBuilder {
    const route = new RouteBuilder(methods, pattern, handler)
    const at = before === undefined ? -1 : this.routes.indexOf(before)
    if (at === -1) this.routes.push(route)
    else this.routes.splice(at, 0, route)
    for (const group of this.#openGroups) group.add(route)
    return route
  }

  group (nameOrCallback: string | (() => void), callback?: () => void): RouteGroup {
    const name = typeof nameOrCallback === 'string' ? nameOrCallback : null
    const body = typeof nameOrCallback === 'function' ? nameOrCallback : callback
    if (typeof body !== 'function') throw new TypeError('Route.group(name, callback) needs a callback that defines the routes')
    const group = new RouteGroup(name)
    this.#openGroups.push(group)
    try {
      body()
    } finally {
      this.#openGroups.pop()
    }
    return group
  }

  resource (resource: string, controller: string): RouteResource {
    return new RouteResource(resource, controller, (methods, pattern, handler, before) => this.add(methods, pattern, handler, before))
  }
}
