/**
 * Route.resource('posts', 'PostController'): the seven conventional routes, named
 * 'posts.index' ... 'posts.destroy'. 'users.posts' nests them under /users/:users_id.
 */
import { flattenKeys } from '../support/object_path'
import type { RouteBuilder } from './route'
import type { MiddlewareNames, Verb } from './types'

export const RESOURCE_ACTIONS = ['index', 'create', 'store', 'show', 'edit', 'update', 'destroy'] as const
export type ResourceAction = typeof RESOURCE_ACTIONS[number]

type AddRoute = (methods: Verb[], pattern: string, handler: string) => RouteBuilder

const SHAPES: Record<ResourceAction, { methods: Verb[], path: string }> = {
  index: { methods: ['GET'], path: '' },
  create: { methods: ['GET'], path: '/create' },
  store: { methods: ['POST'], path: '' },
  show: { methods: ['GET'], path: '/:id' },
  edit: { methods: ['GET'], path: '/:id/edit' },
  update: { methods: ['PUT', 'PATCH'], path: '/:id' },
  destroy: { methods: ['DELETE'], path: '/:id' },
}

export class RouteResource {
  readonly #routes = new Map<ResourceAction, RouteBuilder>()

  constructor (resource: string, controller: string, addRoute: AddRoute) {
    const segments = resource.split('.').filter(Boolean)
    const base = segments
      .map((segment, index) => index < segments.length - 1 ? `/${segment}/:${segment}_id` : `/${segment}`)
      .join('')
    for (const action of RESOURCE_ACTIONS) {
      const { methods, path } = SHAPES[action]
      this.#routes.set(action, addRoute(methods, base + path, `${controller}.${action}`).as(`${segments.join('.')}.${action}`))
    }
  }

  /** Keeps only these actions: `.only(['index', 'show'])`. */
  only (...actions: Array<ResourceAction | ResourceAction[]>): this {
    const kept = new Set(flattenKeys(actions))
    for (const [action, route] of this.#routes) if (!kept.has(action)) route.remove()
    return this
  }

  /** Drops these actions: `.except(['create', 'edit'])`. */
  except (...actions: Array<ResourceAction | ResourceAction[]>): this {
    const dropped = new Set(flattenKeys(actions))
    for (const [action, route] of this.#routes) if (dropped.has(action)) route.remove()
    return this
  }

  /** No HTML form pages: drops create and edit. */
  apiOnly (): this {
    return this.except('create', 'edit')
  }

  /** Named middleware for every route of the resource. */
  middleware (...names: MiddlewareNames): this {
    for (const route of this.#routes.values()) route.middleware(...names)
    return this
  }
}
