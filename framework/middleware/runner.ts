/**
 * Runs a route's middleware and handler in order. Each step gets the context and a `next`
 * that runs the rest; calling it twice is an error, and a step that does not call it ends
 * the chain (a short-circuit, such as a redirect to /login).
 */
import { E_NEXT_CALLED_TWICE } from '../errors'
import type { HttpContext } from '../http/context'

export type Next = () => Promise<void>
export type Step = (http: HttpContext, next: Next) => unknown

/** Composes steps into one function; `label` names the route in errors. */
export function compose (steps: Step[], label: string): (http: HttpContext) => Promise<void> {
  if (steps.length === 1) {
    const only = steps[0]!
    return async (http) => { await only(http, finished) }
  }
  return (http) => {
    let last = -1
    const dispatch = (index: number): Promise<void> => {
      if (index <= last) return Promise.reject(E_NEXT_CALLED_TWICE(label))
      last = index
      const step = steps[index]
      if (step === undefined) return DONE
      try {
        return Promise.resolve(step(http, () => dispatch(index + 1))) as Promise<void>
      } catch (error) {
        return Promise.reject(error)
      }
    }
    return dispatch(0)
  }
}

const DONE: Promise<void> = Promise.resolve()
const finished: Next = () => DONE

/**
 * A `next` that generator middleware can `yield next` (co calls it as a thunk with a
 * callback) or `yield next()`, and async middleware can `await next()`.
 */
export function yieldableNext (next: Next): (callback?: (error: unknown, value?: unknown) => void) => Promise<void> {
  return (callback) => {
    const ran = next()
    if (typeof callback === 'function') ran.then(() => callback(null), callback)
    return ran
  }
}
