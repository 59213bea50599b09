/**
 * What the request says about itself and what it accepts, as AdonisJs 3's request answered:
 * is() reads the Content-Type header even on a request without a body, languages match by
 * prefix (en for en-US), and match() takes v3's route patterns (/users/:id, /files/*).
 */
import type Koa from 'koa'
import isFresh from 'fresh'
import type TypeIs from 'type-is'
import { flattenKeys } from '../support/object_path'
import { hasBody } from './body_parser'
import { defineMacro } from './macros'
import { matchesPattern } from './path_pattern'

/** The part of the request that reads headers and the path: Request extends it. */
export abstract class RequestNegotiation {
  readonly #koa: Koa.Context

  constructor (koa: Koa.Context) {
    this.#koa = koa
  }

  /** The query merged with the body. */
  abstract all (): Record<string, unknown>

  /** v3's collect('name', 'email'): the lists of these fields zipped into one { name, email } per row, null where missing. */
  collect (...keys: Array<string | string[]>): Array<Record<string, unknown>> {
    return collectRows(this.all(), flattenKeys(keys))
  }

  /** Whether the path matches one of these v3 patterns: match('/users/:id', '/admin/*'). */
  match (...patterns: Array<string | string[]>): boolean {
    return matchesPattern(this.#koa.path, flattenKeys(patterns))
  }

  /** Whether the request carries a body. */
  hasBody (): boolean { return hasBody(this.#koa) }
  /** Whether the client's cached copy (If-None-Match, If-Modified-Since) matches the response's ETag or Last-Modified. */
  fresh (): boolean {
    const koa = this.#koa
    // In a handler the status is usually not set yet (Koa's 404 until a body is): v3 read it as the 200 it will be.
    const status = koa.status === 404 && koa.body == null ? 200 : koa.status
    if ((koa.method !== 'GET' && koa.method !== 'HEAD') || !((status >= 200 && status < 300) || status === 304)) return false
    return isFresh(koa.headers, { etag: koa.response.get('etag'), 'last-modified': koa.response.get('last-modified') })
  }

  /** The opposite of fresh(): the client's copy is out of date, or it has none. */
  stale (): boolean { return !this.fresh() }
  /** The client and proxy addresses from X-Forwarded-For, when app.http.trustProxy is on. */
  ips (): string[] { return this.#koa.ips }
  /** The subdomains of the host, nearest first: ['tobi', 'ferrets'] for tobi.ferrets.example.com. */
  subdomains (): string[] { return this.#koa.subdomains }
  /** Whether the request comes from pjax (an X-PJAX header). */
  pjax (): boolean { return this.#koa.get('x-pjax') !== '' }
  /** The best of these languages for Accept-Language ('en' answers en-US), or false; every accepted one without arguments. */
  language (...languages: Array<string | string[]>): string | false { return this.#koa.acceptsLanguages(flattenKeys(languages)) }
  /** Every language Accept-Language lists, best first. */
  languages (): string[] { return this.#koa.acceptsLanguages() }
  /** The best of these encodings for Accept-Encoding, or false. */
  encoding (...encodings: Array<string | string[]>): string | false { return this.#koa.acceptsEncodings(flattenKeys(encodings)) }
  /** Every encoding Accept-Encoding lists, best first. */
  encodings (): string[] { return this.#koa.acceptsEncodings() }
  /** The best of these charsets for Accept-Charset, or false; the first accepted one without arguments. */
  charset (...charsets: Array<string | string[]>): string | false {
    const wanted = flattenKeys(charsets)
    return wanted.length === 0 ? this.charsets()[0] ?? false : this.#koa.acceptsCharsets(wanted)
  }

  /** Every charset Accept-Charset lists, best first. */
  charsets (): string[] { return this.#koa.acceptsCharsets() }

  /**
   * Adds a method to every request: Request.macro('isAdmin', function () { return ... }).
   * A built-in method cannot be replaced: handlers, middleware and views rely on them.
   */
  static macro (name: string, method: (...args: any[]) => unknown): void {
    defineMacro(this, 'Request', name, method)
  }
}

/** Required on the first is() of a request without a body: a cold start need not load it (bench/startup.ts). */
let typeIs: typeof TypeIs | undefined

/** Whether the Content-Type header names one of these types; v3 answered from the header alone, body or not. */
export function isType (koa: Koa.Context, types: string[]): boolean {
  if (hasBody(koa)) return Boolean(koa.is(types))
  const header = koa.get('content-type')
  if (header === '') return false
  typeIs ??= require('type-is') as typeof TypeIs
  return typeIs.is(header, types) !== false
}

/** v3's collect(): lists of values zipped into rows, { key: value } each, null where a list is short or missing. */
export function collectRows (values: Record<string, unknown>, keys: string[]): Array<Record<string, unknown>> {
  const lists = keys.map((key) => (Array.isArray(values[key]) ? values[key] as unknown[] : []))
  const length = Math.max(0, ...lists.map((list) => list.length))
  return Array.from({ length }, (_, index) => {
    const row: Record<string, unknown> = {}
    keys.forEach((key, position) => { row[key] = lists[position]![index] ?? null })
    return row
  })
}
