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
  return (http) => runFrom(steps, 0, http, { last: -1, label })
}

interface RunState {
  /** The step that ran last: calling next() again from it or an earlier one is a mistake. */
  last: number
  label: string
}

// A plain function, not a closure made per request: the runtime names every closure it makes.
function runFrom (steps: Step[], index: number, http: HttpContext, state: RunState): Promise<void> {
  if (index <= state.last) return Promise.reject(E_NEXT_CALLED_TWICE(state.label))
  state.last = index
  const step = steps[index]
  if (step === undefined) return DONE
  try {
    return Promise.resolve(step(http, () => runFrom(steps, index + 1, http, state))) as Promise<void>
  } catch (error) {
    return Promise.reject(error)
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
