/**
 * The shapes routes are written in: a handler is a function called as (request, response),
 * generator, async or plain, or a 'Controller.method' string.
 */
import type { Request } from '../http/request'
import type { Response } from '../http/response'

export type HandlerFunction = (request: Request, response: Response) => unknown
export type RouteHandler = string | HandlerFunction

/**
 * A generator handler. Listed as its own overload so that in `function * (request, response)`
 * TypeScript types the parameters and lets `yield` results be used without annotations.
 */
export type GeneratorHandler = (request: Request, response: Response) => HandlerGenerator

/**
 * The return type to write on generator methods of controllers and middleware, so that what
 * `yield` gives back can be used: `* signup (request: Request, response: Response): HandlerGenerator`.
 */
export type HandlerGenerator = Generator<unknown, any, any>

/** The `next` a middleware's handle() receives: `yield next`, `yield next()` or `await next()`. */
export type Next = () => Promise<void>

/** Route.get() and friends: a pattern and a handler. */
export interface DefineRoute<T> {
  (pattern: string, handler: GeneratorHandler): T
  (pattern: string, handler: RouteHandler): T
}

/** HTTP verbs a route can answer; GET routes answer HEAD as well. */
export const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
export type Verb = typeof VERBS[number]

/** Middleware names as varargs or one array: .middleware('auth') or .middleware(['auth', 'admin']). */
export type MiddlewareNames = Array<string | string[]>

/** What a route builder hands to the router at boot. */
export interface RouteDefinition {
  methods: Verb[]
  pattern: string
  name: string | null
  handler: RouteHandler
  middleware: string[]
}
