/**
 * Collects the routes start/routes.ts defines, in order, keeping track of the groups open
 * while each route is defined.
 */
import { RouteGroup } from './group'
import { RouteResource } from './resource'
import { RouteBuilder } from './route'
import { VERBS, type RouteHandler, type Verb } from './types'

export class RouteCollector {
  readonly routes: RouteBuilder[] = []
  readonly #openGroups: RouteGroup[] = []

  add (methods: Verb[], pattern: string, handler: RouteHandler): RouteBuilder {
    const route = new RouteBuilder(methods, pattern, handler)
    this.routes.push(route)
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
    return new RouteResource(resource, controller, (methods, pattern, handler) => this.add(methods, pattern, handler))
  }
}

/** Normalizes verbs given to Route.match(): ['get', 'post'] -> ['GET', 'POST']. */
export function toVerbs (verbs: string[]): Verb[] {
  return verbs.map((verb) => {
    const upper = verb.toUpperCase()
    if (!(VERBS as readonly string[]).includes(upper)) {
      throw new TypeError(`Route.match(): unknown HTTP verb '${verb}' (use ${VERBS.join(', ')})`)
    }
    return upper as Verb
  })
}
