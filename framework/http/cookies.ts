/**
 * The request's cookies, parsed once on first read, and the cookies the response will set,
 * kept by name so that setting one twice in a request sends it once.
 */
import type Koa from 'koa'
import { parse as parseCookies, serialize as serializeCookie } from 'cookie'

export interface CookieOptions {
  /** Lifetime in seconds; omit it (and expires) for a browser-session cookie. */
  maxAge?: number
  expires?: Date
  httpOnly?: boolean
  secure?: boolean
  sameSite?: 'lax' | 'strict' | 'none' | boolean
  path?: string
  domain?: string | null
}

export class CookieJar {
  readonly #header: string | undefined
  #incoming: Record<string, string | undefined> | null = null
  #outgoing: Map<string, string> | null = null

  constructor (header: string | undefined) {
    this.#header = header
  }

  /** A cookie the browser sent, as sent. */
  get (name: string): string | undefined {
    if (this.#header === undefined) return undefined
    return this.#parsed()[name]
  }

  /** Every cookie the browser sent. */
  all (): Record<string, string> {
    const all: Record<string, string> = {}
    for (const [name, value] of Object.entries(this.#parsed())) if (value !== undefined) all[name] = value
    return all
  }

  /** Queues a Set-Cookie header; a later set of the same name replaces it. */
  set (name: string, value: string, options: CookieOptions = {}): void {
    const { domain, ...rest } = options
    // Expires as well as Max-Age: the few clients that ignore Max-Age still expire the cookie.
    if (rest.maxAge !== undefined && rest.expires === undefined) rest.expires = new Date(Date.now() + rest.maxAge * 1000)
    this.#outgoing ??= new Map()
    this.#outgoing.set(name, serializeCookie(name, value, { path: '/', ...rest, ...(domain ? { domain } : {}) }))
  }

  /** Queues a header that makes the browser delete the cookie. */
  clear (name: string, options: CookieOptions = {}): void {
    this.set(name, '', { ...options, maxAge: undefined, expires: new Date(0) })
  }

  /** Writes the queued Set-Cookie headers onto the response. */
  flush (ctx: Koa.Context): void {
    if (!this.#outgoing) return
    for (const header of this.#outgoing.values()) ctx.append('Set-Cookie', header)
    this.#outgoing = null
  }

  #parsed (): Record<string, string | undefined> {
    this.#incoming ??= this.#header ? parseCookies(this.#header) : {}
    return this.#incoming
  }
}
