/**
 * What the callback of addMember() and addCollection() receives: the one route they added,
 * with AdonisJs 3's ResourceMember / ResourceCollection methods.
 */
import type { RouteBuilder } from './route'
import type { MiddlewareNames, RouteDefinition } from './types'

export class ResourceMember {
  readonly #route: RouteBuilder

  constructor (route: RouteBuilder) {
    this.#route = route
  }

  /** Another controller method than the default 'Controller.<name>'. */
  bindAction (action: string): this {
    this.#route.setHandler(action)
    return this
  }

  /** Named middleware for this route only. */
  middleware (...names: MiddlewareNames): this {
    this.#route.middleware(...names)
    return this
  }

  /** AdonisJs 3's other spelling of middleware(). */
  middlewares (...names: MiddlewareNames): this {
    return this.middleware(...names)
  }

  /** Another name than '<resource>.<name>'. */
  as (name: string): this {
    this.#route.as(name)
    return this
  }

  /** The route as defined so far. */
  toJSON (): RouteDefinition {
    return this.#route.toDefinition()
  }
}

/** The same, for addCollection(): AdonisJs 3 had a class of each name. */
export { ResourceMember as ResourceCollection }
