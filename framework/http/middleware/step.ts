/** A step of a route's chain as the request layer runs it: middleware and handlers take the request's context. */
import type { Step } from '../../middleware/runner'
import type { HttpContext } from '../context'

export type HttpStep = Step<HttpContext>

/** A middleware the kernel can list: its step, and whether it reads request bodies (so _method spoofing may look in them). */
export interface HttpMiddleware {
  step: HttpStep
  readsBodies: boolean
  /** The step with parameters from the route ('auth:api,session' gives ['api', 'session']); absent: it takes none. */
  withParams?: (params: string[]) => HttpStep
  /** What it does, as global middleware, on a request no route matched; absent: the same as `step`. */
  unrouted?: HttpStep
}
