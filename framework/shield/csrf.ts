/**
 * CSRF tokens: a secret per session, and tokens that are the secret masked with a fresh random
 * pad, so the token in a page changes on every render (no BREACH-style guessing through
 * compression) while any of them is accepted for the session.
 */
import crypto from 'node:crypto'
import { randomBytes } from '../crypto/random'
import type { HttpContext } from '../http/context'

/** Where the secret lives in the session. */
export const CSRF_SECRET_KEY = '_csrfSecret'
const SECRET_BYTES = 32

export class Csrf {
  readonly #http: HttpContext
  #token: string | null = null

  /** Takes the request rather than its session: most requests never ask for a token. */
  constructor (http: HttpContext) {
    this.#http = http
  }

  /** A token for forms and headers; creates the session's secret on first use. The session must be loaded. */
  token (): string {
    if (this.#token !== null) return this.#token
    let secret = this.#http.session.getLoaded(CSRF_SECRET_KEY, null) as string | null
    if (typeof secret !== 'string') {
      secret = crypto.randomBytes(SECRET_BYTES).toString('base64url')
      this.#http.session.putLoaded(CSRF_SECRET_KEY, secret)
    }
    const secretBytes = Buffer.from(secret, 'base64url')
    const pad = randomBytes(secretBytes.length)
    this.#token = Buffer.concat([pad, xor(pad, secretBytes)]).toString('base64url')
    return this.#token
  }

  /** Whether a token given by the client unmasks to the session's secret. */
  async verify (token: unknown): Promise<boolean> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return false
    const secret = await this.#http.session.get(CSRF_SECRET_KEY, null)
    if (typeof secret !== 'string') return false
    const secretBytes = Buffer.from(secret, 'base64url')
    const raw = Buffer.from(token, 'base64url')
    if (raw.length !== secretBytes.length * 2) return false
    const unmasked = xor(raw.subarray(0, secretBytes.length), raw.subarray(secretBytes.length))
    return crypto.timingSafeEqual(unmasked, secretBytes)
  }
}

function xor (a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length)
  for (let index = 0; index < a.length; index++) out[index] = a[index]! ^ b[index]!
  return out
}
