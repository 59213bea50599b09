/**
 * `View.global()` and `View.filter()`: the app's own view globals and filters, as AdonisJs 3
 * spelled them. They belong to the app, not to a request: they are set on the shared
 * Nunjucks environment, so every request sees the same value. Per-request values (old,
 * flashMessages, form, ...) are never globals; they come with each render.
 *
 * Call them at boot, in start/routes.ts or a file it imports. Each is kept for the views the
 * app builds later, and also set on the views already built, so a call made once the app
 * runs works too.
 */
import type nunjucks from 'nunjucks'
import { E_INVALID_VIEW_HELPER } from '../errors'
import { PER_RENDER_NAMES } from './render_context'

type Filter = (...args: any[]) => unknown

const globals = new Map<string, unknown>()
const filters = new Map<string, { filter: Filter, async: boolean }>()
let current: nunjucks.Environment | null = null

/** A name a template can write bare: {{ name }}, {{ value | name }}. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

export const View = {
  /**
   * A value or function every view sees: View.global('appName', 'Shop'), then
   * {{ appName }}; View.global('year', () => new Date().getFullYear()), then {{ year() }}.
   * Never a request's data: it would be shown to every visitor.
   */
  global (name: string, value: unknown): void {
    checkName(`View.global('${name}')`, name)
    if (PER_RENDER_NAMES.has(name)) {
      throw E_INVALID_VIEW_HELPER(`View.global('${name}')`, `every view already gets its own '${name}' for the request being answered, ` +
        'which would hide this global: pick another name')
    }
    globals.set(name, value)
    current?.addGlobal(name, value)
  },

  /**
   * A filter: View.filter('shout', (text) => String(text).toUpperCase()), then
   * {{ name | shout }}. With async true, the filter takes a callback(error, result) last, as
   * in Nunjucks; a page that uses one is rendered asynchronously.
   */
  filter (name: string, filter: Filter, async = false): void {
    checkName(`View.filter('${name}')`, name)
    if (typeof filter !== 'function') throw E_INVALID_VIEW_HELPER(`View.filter('${name}', ...)`, 'the filter must be a function')
    filters.set(name, { filter, async })
    current?.addFilter(name, filter, async)
  },
}

/** Sets every registered global and filter on a new views environment, and the ones registered later. */
export function useViewRegistry (env: nunjucks.Environment): void {
  for (const [name, value] of globals) env.addGlobal(name, value)
  for (const [name, { filter, async }] of filters) env.addFilter(name, filter, async)
  current = env
}

function checkName (call: string, name: unknown): void {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw E_INVALID_VIEW_HELPER(call, 'the name must be a word a template can write, such as appName or formatDate')
  }
}
