/**
 * Runs a route's middleware and handler in order. Each step gets the context and a `next`
 * that runs the rest; calling it twice is an error, and a step that does not call it ends
 * the chain (a short-circuit, such as a redirect to /login). It knows nothing of what the
 * context is: the request layer composes its own steps.
 */
import { E_NEXT_CALLED_TWICE } from '../errors'

/** The `next` a middleware gets: `yield next`, `yield next()` or `await next()`. */
export type Next = () => Promise<void>
export type Step<C> = (ctx: C, next: Next) => unknown

/** Composes steps into one function; `label` names the route in errors. */
export function compose<C> (steps: Array<Step<C>>, label: string): (ctx: C) => Promise<void> {
  if (steps.length === 1) {
    const only = steps[0]!
    return async (ctx) => { await only(ctx, finished) }
  }
  return (ctx) => runFrom(steps, 0, ctx, { last: -1, label })
}

interface RunState {
  /** The step that ran last: calling next() again from it or an earlier one is a mistake. */
  last: number
  label: string
}

// A plain function, not a closure made per request: under tsx (serve --dev, adonis-lite test)
// esbuild's keepNames wraps every closure that is given a name in a call that names it at run
// time, on every request (bench/HISTORY.md, "No closures made per request").
function runFrom<C> (steps: Array<Step<C>>, index: number, ctx: C, state: RunState): Promise<void> {
  if (index <= state.last) return Promise.reject(E_NEXT_CALLED_TWICE(state.label))
  state.last = index
  const step = steps[index]
  if (step === undefined) return DONE
  try {
    return Promise.resolve(step(ctx, () => runFrom(steps, index + 1, ctx, state))) as Promise<void>
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
