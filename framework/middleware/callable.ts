/**
 * Calling the app's functions whatever their style: generator functions run by co (they may
 * yield promises, generators, arrays and objects of those), async functions, plain functions.
 */
import co from 'co'

type AnyFunction = (...args: any[]) => unknown

/**
 * Whether fn is a generator function, asked of its constructor and never of its source text,
 * which minifiers, transpilers and `function * (` spacing all change.
 */
export function isGeneratorFunction (fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor?.name === 'GeneratorFunction'
}

export function isAsyncGeneratorFunction (fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor?.name === 'AsyncGeneratorFunction'
}

function isGenerator (value: unknown): value is Generator {
  return value !== null && typeof value === 'object' &&
    typeof (value as Generator).next === 'function' && typeof (value as Generator).throw === 'function'
}

/**
 * Returns a caller for fn, decided once (at boot) rather than on every request: generator
 * functions go through co; a plain function that returns a generator has it run by co too.
 */
export function makeCaller (fn: AnyFunction): (self: unknown, args: unknown[]) => unknown {
  if (isGeneratorFunction(fn)) return (self, args) => co.call(self, fn as any, ...args)
  return (self, args) => {
    const result = fn.apply(self, args)
    return isGenerator(result) ? co.call(self, result as any) : result
  }
}
