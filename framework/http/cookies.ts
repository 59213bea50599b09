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
    this.#outgoing ??= new Map()
    this.#outgoing.set(name, SAFE_VALUE.test(value) ? `${name}=${value}${attributesOf(name, options)}` : serialize(name, value, options))
  }

  /** Queues a header that makes the browser delete the cookie (nothing, when the browser did not send it). */
  clear (name: string, options: CookieOptions = {}): void {
    if (this.get(name) === undefined) {
      this.#outgoing?.delete(name)
      return
    }
    this.set(name, '', clearingOptions(options))
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

/** Values made of these characters (base64url, signatures) need no encoding. */
const SAFE_VALUE = /^[A-Za-z0-9._-]*$/

function serialize (name: string, value: string, options: CookieOptions): string {
  const { domain, ...rest } = options
  // Expires as well as Max-Age: the few clients that ignore Max-Age still expire the cookie.
  if (rest.maxAge !== undefined && rest.expires === undefined) rest.expires = new Date(Date.now() + rest.maxAge * 1000)
  return serializeCookie(name, value, { path: '/', ...rest, ...(domain ? { domain } : {}) })
}

interface CachedAttributes {
  second: number
  attributes: string
}

/**
 * The `; Path=/; HttpOnly; ...` part of a Set-Cookie header. The session sets the same cookies
 * with the same options on many requests: their attributes are serialized once a second (the
 * precision of Expires) rather than on every response.
 */
const attributeCache = new WeakMap<CookieOptions, Map<string, CachedAttributes>>()

function attributesOf (name: string, options: CookieOptions): string {
  const second = Math.floor(Date.now() / 1000)
  let byName = attributeCache.get(options)
  if (byName === undefined) {
    byName = new Map()
    attributeCache.set(options, byName)
  }
  const cached = byName.get(name)
  if (cached !== undefined && cached.second === second) return cached.attributes
  const attributes = serialize(name, '', options).slice(name.length + 1)
  byName.set(name, { second, attributes })
  return attributes
}

/** The options of the cookie that deletes one set with these options, made once per options object. */
const clearing = new WeakMap<CookieOptions, CookieOptions>()

function clearingOptions (options: CookieOptions): CookieOptions {
  let found = clearing.get(options)
  if (found === undefined) {
    found = { ...options, maxAge: undefined, expires: new Date(0) }
    clearing.set(options, found)
  }
  return found
}
