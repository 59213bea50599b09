/**
 * Building URLs and finding routes: the parts of Route.url() and Route.getRoute() that do not
 * need the router's own tables.
 */
import type { RouteInfo } from './router'

type Params = Record<string, string>

/** ':name' or '/:name?' in a pattern or a URL; 'http:' and ':3333' are not params. */
const PARAM_TOKEN = /(\/?):([A-Za-z_$][\w$]*)(\?)?/g

/**
 * Fills a pattern or URL written out in full (`Route.url('/posts/:id', { id: 1 })`,
 * `Route.url('https://cdn.example.com/:file', ...)`), as AdonisJs 3 did for what is not a
 * route name. Returns the URL and the params it used.
 */
export function fillPattern (pattern: string, params: Params, missing: (name: string) => Error): { url: string, used: Set<string> } {
  const used = new Set<string>()
  const url = pattern.replace(PARAM_TOKEN, (whole, slash: string, name: string, optional?: string) => {
    const value = params[name]
    if (value === undefined || value === '') {
      if (optional) return ''
      throw missing(name)
    }
    used.add(name)
    return `${slash}${encodeURIComponent(value)}`
  })
  return { url, used }
}

/** Params as strings; null and undefined ones are left out. */
export function stringValues (params: Record<string, unknown> | null | undefined): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined && value !== null) values[key] = String(value)
  return values
}

/** The params a URL did not use, as its query string. */
export function withQuery (url: string, values: Record<string, string>, used: Set<string>): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (!used.has(key)) query.append(key, value)
  const search = query.toString()
  return search ? `${url}?${search}` : url
}

/** AdonisJs 3 spelled some properties of a route otherwise. */
const V3_PROPERTIES: Record<string, string> = { route: 'pattern', verb: 'methods', middlewares: 'middleware' }

/** Whether the route has each of these properties (arrays compared item by item). */
export function hasProperties (route: RouteInfo, properties: Record<string, unknown>): boolean {
  return Object.entries(properties).every(([key, wanted]) => {
    const actual: unknown = (route as unknown as Record<string, unknown>)[V3_PROPERTIES[key] ?? key]
    if (Array.isArray(wanted) && Array.isArray(actual)) {
      const list = key === 'verb' || key === 'methods' ? wanted.filter((verb) => String(verb).toUpperCase() !== 'HEAD') : wanted
      return list.length === actual.length && list.every((item, index) => String(item).toUpperCase() === String(actual[index]).toUpperCase() || item === actual[index])
    }
    return actual === wanted
  })
}
