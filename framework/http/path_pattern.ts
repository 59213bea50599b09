/**
 * v3's path patterns for request.match(): ':name' is one segment, ':name?' an optional one,
 * '*' anything, case aside, with an optional trailing slash. They are the regular expressions
 * path-to-regexp made of them, run by re2js (RE2, as the validator's `regex` rule) rather than
 * by JavaScript's backtracking engine, which takes time to the power of the stars in a pattern:
 * three '*' segments then '/x', against a 500-character path of slashes, took 166 ms, and
 * against a 16 KB one would have taken minutes (test/http/path_pattern.test.ts).
 */
import { type RE2JS, re2 } from '../support/linear_regex'

/** Compiled patterns: the patterns are the app's own, so the cache stays as small as its code. */
const COMPILED = new Map<string, RE2JS>()

/** Whether the path matches one of these patterns. */
export function matchesPattern (path: string, patterns: string[]): boolean {
  return patterns.some((pattern) => {
    let compiled = COMPILED.get(pattern)
    if (compiled === undefined) {
      const RE2 = re2()
      compiled = RE2.compile(patternSource(pattern), RE2.CASE_INSENSITIVE)
      COMPILED.set(pattern, compiled)
    }
    return compiled.matcher(path).find()
  })
}

/** The regular expression of a pattern, as path-to-regexp wrote it for v3: the whole path, an optional trailing slash. */
export function patternSource (pattern: string): string {
  let source = ''
  for (const part of pattern.split(/(\/:[A-Za-z0-9_]+\??|\*)/)) {
    if (part === '*') source += '.*'
    else if (part.startsWith('/:')) source += part.endsWith('?') ? '(?:/[^/]+)?' : '/[^/]+'
    else source += part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  }
  return `^${source}/?$`
}
