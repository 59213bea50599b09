/**
 * `{% yield user = userPromise %}`, as in AdonisJs 3: waits for a promise, a generator (run by
 * co, as handlers are) or a thunk, and sets the variable to what it gives for the rest of
 * the page. A plain value is set at once. A page that waits on something is rendered
 * asynchronously (see ViewRenderer.render); one that does not stays synchronous.
 */
import co from 'co'
import { E_INVALID_YIELD } from '../errors'

type Done = (error?: unknown) => void

/** What nunjucks hands to run(): the render's context. */
interface RenderContext {
  setVariable (name: string, value: unknown): void
}

export class YieldTag {
  readonly tags = ['yield']

  parse (parser: any, nodes: any): unknown {
    const tag = parser.nextToken()
    const args = parser.parseSignature(null, true)
    parser.advanceAfterBlockEnd(tag.value)
    // Keyword arguments arrive as one KeywordArgs node: a positional one has no name to set.
    const named = args.children.length === 1 && args.children[0] instanceof nodes.KeywordArgs && args.children[0].children.length > 0
    if (!named) parser.fail(E_INVALID_YIELD('needs a name for what it waits on').message, tag.lineno, tag.colno)
    return new nodes.CallExtensionAsync(this, 'run', args)
  }

  /** Resolves each `name = value` in the order written, then lets the page go on. */
  run (context: RenderContext, assignments: Record<string, unknown>, done: Done): void {
    const names = Object.keys(assignments).filter((name) => name !== '__keywords')
    const next = (index: number): void => {
      if (index === names.length) return done()
      const name = names[index]!
      const value = assignments[name]
      if (!isAwaitable(value)) {
        context.setVariable(name, value)
        return next(index + 1)
      }
      co(function * () { return yield value as any }).then((result: unknown) => {
        context.setVariable(name, result)
        next(index + 1)
      }, done)
    }
    next(0)
  }
}

/** What co waits for: a promise, a generator or generator function, a thunk, or an array or plain object that may hold them. Anything else is a value already. */
function isAwaitable (value: unknown): boolean {
  if (typeof value === 'function' || Array.isArray(value)) return true
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as { then?: unknown, next?: unknown, throw?: unknown }
  if (typeof candidate.then === 'function') return true
  if (typeof candidate.next === 'function' && typeof candidate.throw === 'function') return true
  return Object.getPrototypeOf(value) === Object.prototype
}
