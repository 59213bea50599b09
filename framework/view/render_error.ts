/**
 * A view that fails to compile or render, reported as E_VIEW_RENDER at its file and line:
 * `resources/views/pages/home.njk:5: No route is named 'nowhere' ...`, rather than Nunjucks'
 * own message, which nests a "(file) [Line, Column]" prefix for each template on the way
 * (the page, its layout, an include) around the cause.
 */
import path from 'node:path'
import nunjucks from 'nunjucks'
import { E_VIEW_RENDER } from '../errors'

/** What Nunjucks leaves on its errors when the environment's `dev` option is on. */
interface TemplateError extends Error {
  lineno?: number
  cause?: unknown
  Update?: unknown
}

/** One "(file) [Line 4, Column 7]" prefix Nunjucks put before the message, with the space after it. */
const PREFIX = /^\(([^\n]*?)\)(?: \[Line \d+(?:, Column \d+)?\])?\n {1,2}/

/** The error to throw for what Nunjucks raised while reading or rendering a view. */
export function viewRenderError (error: Error, viewsDir: string): Error {
  const nunjucksError = error as TemplateError
  if (typeof nunjucksError.Update !== 'function') return error
  let message = error.message
  let file: string | null = null
  for (let found = PREFIX.exec(message); found !== null; found = PREFIX.exec(message)) {
    // Each template on the way adds its own prefix in front: the last one is where it failed.
    file = found[1] ?? null
    message = message.slice(found[0].length)
  }
  const cause = nunjucksError.cause
  // A syntax error carries its line counted from 1; an error while rendering, from 0.
  const line = (nunjucksError.lineno ?? 0) + (cause === undefined ? 0 : 1)
  const where = file === null ? 'a view' : path.join('resources', 'views', path.relative(viewsDir, file))
  const reason = cause instanceof Error ? cause.message : message
  return E_VIEW_RENDER(line > 0 ? `${where}:${line}` : where, reason, cause ?? error)
}

let tracking = false

/**
 * Nunjucks keeps the line being rendered up to date at each function call ({{ linkTo(...) }})
 * but not at a filter ({{ 'profile' | route }}): an error in a filter was reported at the line
 * of whatever ran before it, or at the start of its block. Compiled filters now set it too, as
 * calls do; the templates render the same.
 */
export function trackFilterLines (): void {
  if (tracking) return
  tracking = true
  type Node = { lineno: number, colno: number }
  const compiler = (nunjucks as unknown as { compiler: { Compiler: { prototype: Record<string, unknown> } } }).compiler.Compiler.prototype
  const compileFilter = compiler.compileFilter as (this: { _emit (code: string): void }, node: Node, frame: unknown) => void
  compiler.compileFilter = function (this: { _emit (code: string): void }, node: Node, frame: unknown) {
    this._emit(`(lineno = ${Number(node.lineno)}, colno = ${Number(node.colno)}, `)
    compileFilter.call(this, node, frame)
    this._emit(')')
  }
}
