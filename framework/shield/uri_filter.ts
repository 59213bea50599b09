/**
 * csrf.filterUris: paths that need no CSRF token, written as AdonisJs 3 wrote them: exact
 * ('/webhooks/stripe'), with `:param` segments ('/hooks/:id', '/hooks/:id?') or `*` for any
 * rest of the path ('/api/*'). Matched segment by segment, in time linear in the path; the
 * regular-expression groups v3 also took are refused at boot, as they could backtrack.
 */
import { E_INVALID_CONFIG } from '../errors'

type Segment = { kind: 'literal', text: string } | { kind: 'param', optional: boolean } | { kind: 'rest', prefix: string }

/** Tells whether a request path is exempt. */
export type UriFilter = (path: string) => boolean

const NONE: UriFilter = () => false

export function compileUriFilter (patterns: readonly string[], file: string): UriFilter {
  if (patterns.length === 0) return NONE
  const compiled = patterns.map((pattern) => compilePattern(pattern, file))
  return (path) => {
    const segments = splitSegments(path)
    return compiled.some((pattern) => matches(pattern, segments))
  }
}

function compilePattern (pattern: string, file: string): Segment[] {
  if (!pattern.startsWith('/') || /[()[\]+]/.test(pattern)) {
    throw E_INVALID_CONFIG(file, 'csrf.filterUris', `'${pattern}' must be a path starting with /, with :param segments or * for the rest (no regular expressions)`)
  }
  return splitSegments(pattern).map((segment, index, all): Segment => {
    const star = segment.indexOf('*')
    if (star !== -1) {
      if (index !== all.length - 1 || star !== segment.length - 1) throw E_INVALID_CONFIG(file, 'csrf.filterUris', `'${pattern}' may have * only at its end`)
      // '/api/*' is any path under /api/; '/things*' any path whose segment starts with 'things'.
      return { kind: 'rest', prefix: segment.slice(0, -1) }
    }
    if (segment.startsWith(':')) return { kind: 'param', optional: segment.endsWith('?') }
    return { kind: 'literal', text: segment }
  })
}

function splitSegments (path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

function matches (pattern: Segment[], segments: string[]): boolean {
  let index = 0
  for (const part of pattern) {
    const segment = segments[index]
    if (part.kind === 'rest') return part.prefix === '' || (segment !== undefined && segment.startsWith(part.prefix))
    if (part.kind === 'param') {
      if (segment === undefined) return part.optional
      index++
      continue
    }
    if (segment === undefined) return false
    if (segment !== part.text) return false
    index++
  }
  return index === segments.length
}
