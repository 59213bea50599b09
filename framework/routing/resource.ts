/**
 * Route.resource('posts', 'PostController'): the seven conventional routes, named
 * 'posts.index' ... 'posts.destroy'. 'users.posts' nests them under /users/:users_id, and
 * addMember() / addCollection() add routes of their own, as in AdonisJs 3.
 */
import { E_INVALID_RESOURCE } from '../errors'
import { flattenKeys, isPlainObject } from '../support/object_path'
import type { RouteBuilder } from './route'
import { ResourceMember } from './resource_member'
import type { MiddlewareNames, RouteDefinition, Verb } from './types'
import { toVerbs } from './verbs'

export const RESOURCE_ACTIONS = ['index', 'create', 'store', 'show', 'edit', 'update', 'destroy'] as const
export type ResourceAction = typeof RESOURCE_ACTIONS[number]

/** Adds a route; `before` puts it ahead of that one, so that it is tried first. */
type AddRoute = (methods: Verb[], pattern: string, handler: string, before?: RouteBuilder) => RouteBuilder

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
  /** Every route of the resource by action, members and collections included. */
  readonly #routes = new Map<string, RouteBuilder>()
  readonly #resource: string
  readonly #controller: string
  readonly #base: string
  readonly #namePrefix: string
  readonly #addRoute: AddRoute

  constructor (resource: string, controller: string, addRoute: AddRoute) {
    if (typeof controller !== 'string') throw E_INVALID_RESOURCE(resource, "needs a controller name, such as 'PostController': a resource has several actions")
    this.#resource = resource
    this.#controller = controller
    this.#addRoute = addRoute
    // '/admin' and 'admin' are the same resource; '/' is one at the root, with names 'index'...
    const trimmed = resource.trim().replace(/^\/+|\/+$/g, '')
    const segments = trimmed.split('.').filter(Boolean)
    this.#base = segments
      .map((segment, index) => index < segments.length - 1 ? `/${segment}/:${segment.split('/').pop()}_id` : `/${segment}`)
      .join('')
    this.#namePrefix = segments.length === 0 ? '' : `${segments.join('.')}.`
    for (const action of RESOURCE_ACTIONS) {
      const { methods, path } = SHAPES[action]
      this.#add(action, methods, path)
    }
  }

  /** Keeps only these actions: `.only(['index', 'show'])`. */
  only (...actions: MiddlewareNames): this {
    const kept = new Set(flattenKeys(actions))
    for (const [action, route] of this.#routes) if (!kept.has(action)) this.#drop(action, route)
    return this
  }

  /** Drops these actions: `.except(['create', 'edit'])`. */
  except (...actions: MiddlewareNames): this {
    const dropped = new Set(flattenKeys(actions))
    for (const [action, route] of this.#routes) if (dropped.has(action)) this.#drop(action, route)
    return this
  }

  /** No HTML form pages: drops create and edit. */
  apiOnly (): this {
    return this.except('create', 'edit')
  }

  /** Other names for some actions: `.as({ edit: 'post.showEdit' })` (the whole name, not a suffix). */
  as (names: Record<string, string>): this {
    for (const [action, name] of Object.entries(names)) this.#routes.get(action)?.as(name)
    return this
  }

  /**
   * Named middleware: `.middleware('auth')` or `.middleware(['auth'])` on every route, or
   * `.middleware({ auth: ['store', 'update'] })` on some actions only.
   */
  middleware (...names: Array<string | string[] | Record<string, string[]>>): this {
    const [first] = names
    if (names.length === 1 && isPlainObject(first)) {
      for (const [middleware, actions] of Object.entries(first)) {
        if (!Array.isArray(actions)) throw E_INVALID_RESOURCE(this.#resource, `.middleware({ ${middleware}: ... }) must list actions in an array, such as ['store', 'update']`)
        for (const action of actions) this.#routes.get(action)?.middleware(middleware)
      }
      return this
    }
    const list = flattenKeys(names as MiddlewareNames)
    for (const route of this.#routes.values()) route.middleware(list)
    return this
  }

  /** AdonisJs 3's other spelling of middleware(). */
  middlewares (...names: Array<string | string[] | Record<string, string[]>>): this {
    return this.middleware(...names)
  }

  /** `.formats(['json'], strict)` on every route of the resource defined so far. */
  formats (list: string[], strict = false): this {
    for (const route of this.#routes.values()) route.formats(list, strict)
    return this
  }

  /**
   * A route on one item: `.addMember('publish', 'POST')` is POST /posts/:id/publish, handled by
   * 'PostController.publish' and named 'posts.publish'. Verbs default to GET.
   */
  addMember (name: string, verbs?: string | string[] | null, callback?: (member: ResourceMember) => void): this {
    return this.#addExtra('addMember', `/:id/${name}`, name, verbs, callback)
  }

  /**
   * A route on the whole collection: `.addCollection('archived')` is GET /posts/archived. It is
   * tried before /posts/:id, which would otherwise take 'archived' for an id.
   */
  addCollection (name: string, verbs?: string | string[] | null, callback?: (collection: ResourceMember) => void): this {
    return this.#addExtra('addCollection', `/${name}`, name, verbs, callback, this.#routes.get('show'))
  }

  /** The resource's routes as defined so far. */
  toJSON (): RouteDefinition[] {
    return [...this.#routes.values()].map((route) => route.toDefinition())
  }

  #addExtra (method: string, path: string, name: string, verbs: string | string[] | null | undefined, callback: ((route: ResourceMember) => void) | undefined, before?: RouteBuilder): this {
    if (typeof name !== 'string' || name.trim() === '') throw E_INVALID_RESOURCE(this.#resource, `.${method}() needs the name of the route, such as 'publish'`)
    const methods = toVerbs(verbs === undefined || verbs === null ? ['GET'] : flattenKeys([verbs]), `Resource.${method}()`)
    const route = this.#add(name, methods, path, before)
    if (typeof callback === 'function') callback(new ResourceMember(route))
    return this
  }

  #add (action: string, methods: Verb[], path: string, before?: RouteBuilder): RouteBuilder {
    const route = this.#addRoute(methods, this.#base + path, `${this.#controller}.${action}`, before).as(`${this.#namePrefix}${action}`)
    this.#routes.set(action, route)
    return route
  }

  #drop (action: string, route: RouteBuilder): void {
    route.remove()
    this.#routes.delete(action)
  }
}
