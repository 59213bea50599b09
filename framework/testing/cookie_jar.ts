/**
 * A browser-like cookie jar for tests: keeps cookies by name from Set-Cookie headers, drops
 * them when they expire or are cleared, and sends them back in a Cookie header.
 */

export interface StoredCookie {
  name: string
  value: string
  /** When the cookie expires, in ms; null for a browser-session cookie. */
  expiresAt: number | null
  httpOnly: boolean
  secure: boolean
  sameSite: string | null
  path: string | null
  domain: string | null
  /** The Set-Cookie header it came from. */
  raw: string
}

/** Parses one Set-Cookie header; null when it has no name=value pair. */
export function parseSetCookie (header: string, now = Date.now()): StoredCookie | null {
  const [pair = '', ...attributes] = header.split(';')
  const equals = pair.indexOf('=')
  if (equals < 1) return null
  const cookie: StoredCookie = {
    name: pair.slice(0, equals).trim(),
    value: pair.slice(equals + 1).trim(),
    expiresAt: null,
    httpOnly: false,
    secure: false,
    sameSite: null,
    path: null,
    domain: null,
    raw: header,
  }
  let maxAge: number | null = null
  let expires: number | null = null
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=')
    const key = rawKey.trim().toLowerCase()
    const value = rest.join('=').trim()
    if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value)
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) expires = Date.parse(value)
    else if (key === 'httponly') cookie.httpOnly = true
    else if (key === 'secure') cookie.secure = true
    else if (key === 'samesite') cookie.sameSite = value
    else if (key === 'path') cookie.path = value
    else if (key === 'domain') cookie.domain = value
  }
  cookie.expiresAt = maxAge !== null ? now + maxAge * 1000 : expires
  return cookie
}

export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>()

  /** Applies Set-Cookie headers: an expired cookie is a deletion. */
  store (headers: string[], now = Date.now()): void {
    for (const header of headers) {
      const cookie = parseSetCookie(header, now)
      if (!cookie) continue
      if (cookie.expiresAt !== null && cookie.expiresAt <= now) this.#cookies.delete(cookie.name)
      else this.#cookies.set(cookie.name, cookie)
    }
  }

  /** Sets a cookie by hand, as an attacker or a browser extension could. */
  set (name: string, value: string): void {
    this.#cookies.set(name, { name, value, expiresAt: null, httpOnly: false, secure: false, sameSite: null, path: '/', domain: null, raw: `${name}=${value}` })
  }

  get (name: string): StoredCookie | undefined {
    const cookie = this.#cookies.get(name)
    if (cookie && cookie.expiresAt !== null && cookie.expiresAt <= Date.now()) {
      this.#cookies.delete(name)
      return undefined
    }
    return cookie
  }

  delete (name: string): void {
    this.#cookies.delete(name)
  }

  /** Every live cookie. */
  all (): StoredCookie[] {
    return [...this.#cookies.keys()].map((name) => this.get(name)).filter((cookie): cookie is StoredCookie => cookie !== undefined)
  }

  /** The Cookie request header, or '' when the jar is empty. */
  header (): string {
    return this.all().map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
  }

  copy (): CookieJar {
    const copy = new CookieJar()
    for (const cookie of this.all()) copy.#cookies.set(cookie.name, { ...cookie })
    return copy
  }
}
