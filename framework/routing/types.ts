/**
 * The shapes routes are written in. The router keeps a route's handler as it was given and
 * knows nothing of what calling it means: a function, a 'Controller.method' string, or a view
 * to render (Route.on().render()). The request layer (framework/http/) turns each into what
 * runs; it also gives these shapes their parameter types (http/handler_types.ts).
 */

/** A handler function, of whatever signature the request layer calls it with. */

export type AnyHandlerFunction = (...args: any[]) => unknown

/** A route that only renders a view: Route.on('/').render('welcome'). */
export interface ViewHandler {
  readonly view: string
  readonly data: Record<string, unknown>
}

export type RouteHandler<F extends AnyHandlerFunction = AnyHandlerFunction> = string | F | ViewHandler

/**
 * Route.get() and friends: a pattern and a handler. `G` is listed as an overload of its own
 * so that the request layer can type generator handlers' parameters and yields.
 */
export interface DefineRoute<T, F extends AnyHandlerFunction = AnyHandlerFunction, G extends AnyHandlerFunction = F> {
  (pattern: string, handler: G): T
  (pattern: string, handler: RouteHandler<F>): T
}

/** HTTP verbs a route can answer; GET routes answer HEAD as well. */
export const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
export type Verb = typeof VERBS[number]

/** Middleware names as varargs or one array: .middleware('auth') or .middleware(['auth', 'admin']). */
export type MiddlewareNames = Array<string | string[]>

/**
 * `.formats(['json', 'html'], strict)`: the route also answers /users.json and /users.html (only
 * those, when strict), and the extension is the `format` param.
 */
export interface RouteFormats {
  list: string[]
  strict: boolean
}

/** What a route builder hands to the router at boot. */
export interface RouteDefinition {
  methods: Verb[]
  pattern: string
  name: string | null
  handler: RouteHandler
  /** Named middleware as written, parameters included: 'auth', 'auth:api,session'. */
  middleware: string[]
  formats: RouteFormats | null
  /** The host the route answers on (a group's .domain()): 'blog.example.com', ':user.example.com'. */
  domain: string | null
}
