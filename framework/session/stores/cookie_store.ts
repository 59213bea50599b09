/**
 * Sessions kept by the browser: the values travel in a second cookie, encrypted and
 * authenticated with the app key and bound to the session id, with their expiry inside, so an
 * old cookie cannot be replayed past its age. Concurrent requests: the last response wins.
 */
import { E_SESSION_TOO_LARGE } from '../../errors'
import { BoundedCache } from '../../support/bounded_cache'
import type { CookieCarrier, DriverContext, SessionCommit, SessionConfig, SessionData, SessionStore } from '../types'

/** Browsers keep at most 4096 bytes of a cookie's name and value. */
export const COOKIE_LIMIT = 4096

interface Payload {
  v: SessionData
  e: number
}

export class CookieStore implements SessionStore {
  /** Decrypted payloads by session and token: a browser sends the same cookie until it changes. */
  readonly #decrypted = new BoundedCache<string, string | null>(5_000)
  readonly #name: string
  readonly #ageMs: number
  readonly #app: DriverContext

  constructor (config: SessionConfig, app: DriverContext) {
    this.#name = `${config.cookie}-data`
    this.#ageMs = config.age * 60_000
    this.#app = app
  }

  read (id: string, cookies: CookieCarrier): SessionData | null {
    const token = cookies.get(this.#name)
    if (!token) return null
    const purpose = `session:${id}`
    const cacheKey = `${purpose}\0${token}`
    let json = this.#decrypted.get(cacheKey)
    if (json === undefined) {
      json = token.length <= COOKIE_LIMIT ? this.#app.decrypt(token, purpose) : null
      this.#decrypted.set(cacheKey, json)
    }
    if (json === null) return null
    try {
      const payload = JSON.parse(json) as Payload
      return payload.e > Date.now() ? payload.v : null
    } catch {
      return null
    }
  }

  write (id: string, commit: SessionCommit, cookies: CookieCarrier): void {
    this.#send(id, commit.values, cookies)
  }

  touch (id: string, values: SessionData, cookies: CookieCarrier): void {
    this.#send(id, values, cookies)
  }

  destroy (_id: string, cookies: CookieCarrier): void {
    cookies.clear(this.#name)
  }

  #send (id: string, values: SessionData, cookies: CookieCarrier): void {
    const payload: Payload = { v: values, e: Date.now() + this.#ageMs }
    const token = this.#app.encrypt(JSON.stringify(payload), `session:${id}`)
    const size = this.#name.length + 1 + token.length
    if (size > COOKIE_LIMIT) throw E_SESSION_TOO_LARGE(size)
    cookies.set(this.#name, token)
  }
}
