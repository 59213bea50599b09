/**
 * What a route may ask of a request beyond its path, each costing nothing to routes that do not
 * use it: an extension among its formats (`.formats(['json'])`), a host of its domain
 * (`.domain(':user.example.com')`).
 */
import { E_INVALID_DOMAIN } from '../errors'
import type { RouteFormats } from './types'

type Params = Record<string, string>

const PARAM_LABEL = /^:([A-Za-z_$][\w$]*)$/
const LITERAL_LABEL = /^[A-Za-z0-9-]+$/

/** A route's domain: its host pattern, matched against the request's host name (without port). */
export class DomainPattern {
  readonly #regexp: RegExp
  readonly #labels: Array<{ param: string } | { text: string }>
  /** The params the host fills. */
  readonly names: string[] = []

  constructor (readonly source: string) {
    const labels = source.split('.')
    this.#labels = labels.map((label) => {
      const param = PARAM_LABEL.exec(label)
      if (param !== null) {
        this.names.push(param[1]!)
        return { param: param[1]! }
      }
      if (!LITERAL_LABEL.test(label)) throw E_INVALID_DOMAIN(source)
      return { text: label }
    })
    // One label per param, never a dot in it: a match costs one pass over the host.
    this.#regexp = new RegExp(`^${this.#labels.map((label) => 'param' in label ? '([^.]+)' : label.text).join('\\.')}$`, 'i')
  }

  /** The host's params, or null when the host is not of this domain. */
  match (host: string): Params | null {
    const captures = this.#regexp.exec(host)
    if (captures === null) return null
    const params: Params = {}
    this.names.forEach((name, index) => { params[name] = captures[index + 1]! })
    return params
  }

  /** The host for these params; `missing` is called with the name of one not given. */
  build (params: Record<string, string>, missing: (name: string) => Error): string {
    return this.#labels.map((label) => {
      if ('text' in label) return label.text
      const value = params[label.param]
      if (value === undefined || value === '') throw missing(label.param)
      return encodeURIComponent(value)
    }).join('.')
  }
}

/** The constraints of one route; the router asks them only of the routes that have some. */
export class RouteConstraints {
  readonly #formats: ReadonlySet<string> | null

  constructor (formats: RouteFormats | null, readonly domain: DomainPattern | null) {
    this.#formats = formats === null ? null : new Set(formats.list)
  }

  /** The params of a path match once the host and the extension are checked, or null when they fail. */
  accept (params: Params, host: string): Params | null {
    let accepted = params
    if (this.domain !== null) {
      const hostParams = this.domain.match(host)
      if (hostParams === null) return null
      accepted = { ...hostParams, ...accepted }
    }
    if (this.#formats !== null && accepted.format !== undefined) {
      const format = accepted.format.toLowerCase()
      if (!this.#formats.has(format)) return null
      // As AdonisJs 3 gave it: the param keeps its dot ('.json'); request.format() drops it.
      accepted = { ...accepted, format: `.${format}` }
    }
    return accepted
  }
}

/** The path-to-regexp pattern of a route with formats: '/users' -> '/users{.:format}' (strict: '/users.:format'). */
export function withFormats (pathPattern: string, formats: RouteFormats | null): string {
  if (formats === null) return pathPattern
  return formats.strict ? `${pathPattern}.:format` : `${pathPattern}{.:format}`
}

/** '/users.json' -> '/users', or null when the last segment has no extension. */
export function withoutExtension (path: string): string | null {
  const dot = path.lastIndexOf('.')
  if (dot === -1 || dot < path.lastIndexOf('/')) return null
  return path.slice(0, dot)
}
