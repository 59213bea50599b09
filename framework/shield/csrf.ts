/**
 * CSRF tokens: a secret per visitor, and tokens that are the secret masked with a fresh random
 * pad, so the token in a page changes on every render (no BREACH-style guessing through
 * compression) while any of them is accepted.
 *
 * Where the secret lives: in the session once the store holds one (or this request writes
 * one), bound to its id, so regenerate() on login gives a new one and a secret planted before
 * login is worth nothing after it. A visitor without a stored session gets the secret in a
 * signed cookie instead, so showing a form to an anonymous visitor stores nothing on the
 * server. A stored session never falls back to the cookie: a cookie planted by another site
 * could otherwise choose the secret of a signed-in user.
 */
import crypto from 'node:crypto'
import { randomBytes } from '../crypto/random'
import type { Signer } from '../crypto/signer'
import type { CookieCarrier } from '../session/types'

/** Where the secret lives in the session. */
export const CSRF_SECRET_KEY = '_csrfSecret'
const SECRET_BYTES = 32
/** base64url of SECRET_BYTES bytes. */
const SECRET_FORMAT = /^[A-Za-z0-9_-]{43}$/

/** The session as CSRF protection uses it; load() must have resolved before the synchronous calls. */
export interface CsrfSession {
  readonly isStored: boolean
  readonly isDirty: boolean
  load (): Promise<void>
  getLoaded (key: string, defaultValue?: unknown): unknown
  putLoaded (key: string, value: unknown): void
}

export class Csrf {
  readonly #session: () => CsrfSession
  readonly #cookie: SecretCookie
  /** The token of this request and the secret it masks: one per render is enough. */
  #token: { secret: string, token: string } | null = null
  /** The cookie's secret, once read or made (undefined: not looked at yet). */
  #cookieSecret: string | null | undefined

  /** Takes a getter rather than the session: most requests never ask for a token. */
  constructor (session: () => CsrfSession, cookie: SecretCookie) {
    this.#session = session
    this.#cookie = cookie
  }

  /** A token for forms and headers; creates the secret on first use. The session must be loaded. */
  token (): string {
    const secret = this.#secret(true)!
    if (this.#token?.secret === secret) return this.#token.token
    const secretBytes = Buffer.from(secret, 'base64url')
    const pad = randomBytes(secretBytes.length)
    const token = Buffer.concat([pad, xor(pad, secretBytes)]).toString('base64url')
    this.#token = { secret, token }
    return token
  }

  /** Whether a token given by the client unmasks to this visitor's secret. */
  async verify (token: unknown): Promise<boolean> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return false
    await this.#session().load()
    const secret = this.#secret(false)
    if (secret === null) return false
    const secretBytes = Buffer.from(secret, 'base64url')
    const raw = Buffer.from(token, 'base64url')
    if (raw.length !== secretBytes.length * 2) return false
    const unmasked = xor(raw.subarray(0, secretBytes.length), raw.subarray(secretBytes.length))
    return crypto.timingSafeEqual(unmasked, secretBytes)
  }

  /** The session's secret when the session is (or is about to be) stored, else the cookie's. */
  #secret (create: boolean): string | null {
    const session = this.#session()
    if (session.isStored || session.isDirty) {
      const stored = session.getLoaded(CSRF_SECRET_KEY, null)
      if (typeof stored === 'string') return stored
      if (!create) return null
      const secret = newSecret()
      session.putLoaded(CSRF_SECRET_KEY, secret)
      this.#cookie.clear()
      return secret
    }
    this.#cookieSecret ??= this.#cookie.read()
    if (this.#cookieSecret === null && create) {
      this.#cookieSecret = newSecret()
      this.#cookie.write(this.#cookieSecret)
    }
    return this.#cookieSecret
  }
}

/** The secret of a visitor without a stored session, in a cookie signed with the app key. */
export class SecretCookie {
  static readonly PURPOSE = 'csrf-secret'

  constructor (readonly name: string, readonly cookies: CookieCarrier, readonly signer: Signer) {}

  read (): string | null {
    const raw = this.cookies.get(this.name)
    if (raw === undefined) return null
    const secret = this.signer.unsign(raw, SecretCookie.PURPOSE)?.value ?? null
    return secret !== null && SECRET_FORMAT.test(secret) ? secret : null
  }

  write (secret: string): void {
    this.cookies.set(this.name, this.signer.sign(secret, SecretCookie.PURPOSE))
  }

  /** Removes the cookie, once the session holds the secret (nothing is sent when the browser has none). */
  clear (): void {
    this.cookies.clear(this.name)
  }
}

function newSecret (): string {
  return crypto.randomBytes(SECRET_BYTES).toString('base64url')
}

function xor (a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length)
  for (let index = 0; index < a.length; index++) out[index] = a[index]! ^ b[index]!
  return out
}
