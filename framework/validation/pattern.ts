/**
 * `regex:` patterns, run by re2js (a port of RE2) so that matching takes time linear in the
 * input whatever the pattern: a backtracking engine can spend minutes on a short crafted value
 * with a pattern such as (a+)+. RE2's syntax is JavaScript's without lookarounds and
 * backreferences, which cannot be matched in linear time.
 */
import { type RE2JS, re2 } from '../support/linear_regex'

// '/^[a-z]+$/i': a pattern written as a JavaScript literal, flags after the closing slash.
const LITERAL = /^\/(.*)\/([a-z]*)$/s
// '^[a-z]+$,i': AdonisJs 3 split rule arguments on commas, so apps gave flags after the last one.
const TRAILING_FLAGS = /^(.+),([gimsuy]{1,6})$/s

/**
 * A pattern (`^[a-z]+$`), with flags as a literal (`/^[a-z]+$/i`) or after a last comma as
 * AdonisJs 3 wrote them (`[a-z],i`). Flags i, m and s change matching; g, y and u change nothing.
 */
export function compilePattern (source: string): RE2JS {
  const RE2 = re2()
  const literal = LITERAL.exec(source) ?? TRAILING_FLAGS.exec(source)
  if (!literal) return RE2.compile(source)
  let flags = 0
  for (const flag of literal[2]!) {
    if (flag === 'i') flags |= RE2.CASE_INSENSITIVE
    else if (flag === 'm') flags |= RE2.MULTILINE
    else if (flag === 's') flags |= RE2.DOTALL
    // g and y only matter for repeated searches, d for match indices, u for JavaScript's own engine.
    else if (!'dguy'.includes(flag)) throw new SyntaxError(`unknown flag '${flag}' (use i, m or s)`)
  }
  return RE2.compile(literal[1]!, flags)
}

/** Why a `regex:` argument cannot be used, or undefined when it compiles. */
export function patternProblem (args: readonly string[]): string | undefined {
  if (args.length !== 1 || args[0] === '') return "needs a pattern, as in 'regex:^[a-z]+$'"
  try {
    compilePattern(args[0]!)
    return undefined
  } catch (error) {
    const reason = (error as Error).message
    const unsupported = /\(\?[=!<]|\\[1-9k]/.test(args[0]!) ? ': lookarounds and backreferences are not supported, since patterns must match in linear time' : ''
    return `has an invalid pattern (${reason})${unsupported}`
  }
}

/** Whether a string (or a number or boolean, as text) contains a match, as RegExp#test. */
export function matchesPattern (pattern: RE2JS): (value: unknown) => boolean {
  return (value) => {
    const type = typeof value
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return false
    return pattern.matcher(String(value)).find()
  }
}

const fromRegExp = new WeakMap<RegExp, RE2JS>()

/** A RegExp object or a pattern string as an RE2 pattern (RegExp objects compiled once each). */
export function toLinearPattern (pattern: RegExp | string): RE2JS {
  if (typeof pattern === 'string') return compilePattern(pattern)
  let compiled = fromRegExp.get(pattern)
  if (compiled === undefined) {
    compiled = compilePattern(`/${pattern.source}/${pattern.flags}`)
    fromRegExp.set(pattern, compiled)
  }
  return compiled
}
