/**
 * Finds the few routes a path may match without trying every route: a tree of path segments,
 * built once at boot, so that matching costs the same with 10 routes or 1,000.
 *
 * A literal segment is a map lookup (lower-cased: routes match regardless of case), a whole
 * `:param` segment follows the one param edge, and an AdonisJs optional `:param?` puts the
 * route on both paths, with and without it. A route whose pattern goes on with anything else
 * (`:file.:ext`, `*rest`, braces, non-ASCII text, an empty segment) waits at its last plain segment, a candidate
 * for every path below. So the index may offer a route that does not match, never miss one
 * that does: each candidate's own regular expression has the last word.
 */

/** What the index holds: anything with its place in the routes file (first defined wins). */
export interface Indexed {
  readonly order: number
}

/** More optional params than this in one pattern: the rest of it is left to the regular expression. */
const MAX_OPTIONALS = 4
const SLASH = 47

const LITERAL = /^[\x20-\x7e]+$/
const SPECIAL = /[{}()[\]+?!:*\\]/
const PARAM = /^:[A-Za-z_$][\w$]*$/
const OPTIONAL = /^:\w+\?$/

type Step = { kind: 'literal', text: string } | { kind: 'param' } | { kind: 'optional' } | { kind: 'other' }

class IndexNode<E> {
  literal: Map<string, IndexNode<E>> | null = null
  param: IndexNode<E> | null = null
  /** Routes whose pattern ends here. */
  readonly ending: E[] = []
  /** Routes whose pattern goes on in a way the index does not follow: candidates for any path below. */
  readonly below: E[] = []
}

export class RouteIndex<E extends Indexed> {
  readonly #root = new IndexNode<E>()

  /** Adds a route by its AdonisJs pattern ('/users/:id', '/posts/:id?'). */
  add (pattern: string, entry: E): void {
    const steps = toSteps(pattern)
    let optionals = 0
    for (let index = 0; index < steps.length; index++) {
      if (steps[index]!.kind === 'optional' && ++optionals > MAX_OPTIONALS) steps.splice(index, steps.length - index, { kind: 'other' })
    }
    this.#insert(this.#root, steps, 0, entry)
  }

  /** The routes that may match this path (as Koa gives it: still percent-encoded), first defined first. */
  candidates (path: string): E[] {
    const found: E[] = []
    const lower = path.toLowerCase()
    // One trailing slash is optional, as in the patterns' own expressions.
    const end = lower.length > 1 && lower.charCodeAt(lower.length - 1) === SLASH ? lower.length - 1 : lower.length
    collect(this.#root, lower, 1, end, found)
    return found.length < 2 ? found : inOrder(found)
  }

  #insert (node: IndexNode<E>, steps: Step[], index: number, entry: E): void {
    if (index === steps.length) {
      node.ending.push(entry)
      return
    }
    const step = steps[index]!
    switch (step.kind) {
      case 'literal': {
        node.literal ??= new Map()
        let next = node.literal.get(step.text)
        if (next === undefined) node.literal.set(step.text, next = new IndexNode())
        this.#insert(next, steps, index + 1, entry)
        return
      }
      case 'param':
        this.#insert(node.param ??= new IndexNode(), steps, index + 1, entry)
        return
      case 'optional':
        this.#insert(node.param ??= new IndexNode(), steps, index + 1, entry)
        this.#insert(node, steps, index + 1, entry)
        return
      case 'other':
        node.below.push(entry)
    }
  }
}

/** A pattern as the index follows it, one step per segment. */
function toSteps (pattern: string): Step[] {
  if (pattern === '/') return []
  return pattern.slice(1).split('/').map((segment): Step => {
    if (PARAM.test(segment)) return { kind: 'param' }
    if (OPTIONAL.test(segment)) return { kind: 'optional' }
    if (LITERAL.test(segment) && !SPECIAL.test(segment)) return { kind: 'literal', text: segment.toLowerCase() }
    return { kind: 'other' }
  })
}

// A plain function, not a closure, walking the path in place (no split): it runs on every request.
function collect<E> (node: IndexNode<E>, path: string, start: number, end: number, found: E[]): void {
  for (const entry of node.below) found.push(entry)
  if (start >= end) {
    for (const entry of node.ending) found.push(entry)
    return
  }
  const slash = path.indexOf('/', start)
  const stop = slash === -1 || slash > end ? end : slash
  if (node.literal !== null) {
    const next = node.literal.get(path.slice(start, stop))
    if (next !== undefined) collect(next, path, stop + 1, end, found)
  }
  // A param takes one segment, never an empty one.
  if (node.param !== null && stop > start) collect(node.param, path, stop + 1, end, found)
}

/** Definition order, each route once (a route with optional params may be found twice). */
function inOrder<E extends Indexed> (found: E[]): E[] {
  found.sort((a, b) => a.order - b.order)
  let kept = 1
  for (let index = 1; index < found.length; index++) {
    if (found[index] !== found[kept - 1]) found[kept++] = found[index]!
  }
  found.length = kept
  return found
}
