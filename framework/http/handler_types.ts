/**
 * What handlers and middleware look like to the app: functions called as (request, response),
 * generator, async or plain, and the typed `Route` that start/routes.ts imports.
 */
import { Route as untypedRoute, type RouteFacade } from '../routing/route_facade'
import type { RouteHandler as AnyRouteHandler } from '../routing/types'
import type { Request } from './request'
import type { Response } from './response'

export type HandlerFunction = (request: Request, response: Response) => unknown
export type RouteHandler = AnyRouteHandler<HandlerFunction>

/**
 * The return type to write on generator methods of controllers and middleware, so that what
 * `yield` gives back can be used: `* signup (request: Request, response: Response): HandlerGenerator`.
 */
export type HandlerGenerator = Generator<unknown, any, any>

/**
 * A generator handler. Listed as its own overload of Route.get() and friends so that in
 * `function * (request, response)` TypeScript types the parameters and lets `yield` results be
 * used without annotations.
 */
export type GeneratorHandler = (request: Request, response: Response) => HandlerGenerator

/** `Route`, with handlers typed as the request layer calls them. */
export const Route: RouteFacade<HandlerFunction, GeneratorHandler> = untypedRoute
