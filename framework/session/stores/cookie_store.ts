/**
 * Sessions kept by the browser: the values travel in cookies, encrypted and authenticated with
 * the app key and bound to the session id, with their expiry inside, so an old cookie cannot be
 * replayed past its age. Concurrent requests: the last response wins.
 *
 * The short-lived key (DriverContext.shortLivedKey: flash messages) has a cookie of its own
 * (`<cookie>-flash`, beside `<cookie>-data`): it is written on one request and gone on the next,
 * and that way neither costs re-encrypting the rest of the session; taking it out is just
 * clearing its cookie.
 */
import { E_SESSION_TOO_LARGE } from '../../errors'
import { TokenCache } from '../../support/bounded_cache'
import { type CookieCarrier, type DriverContext, type SessionCommit, type SessionConfig, type SessionData, type SessionStore } from '../types'

/** Browsers keep at most 4096 bytes of a cookie's name and value. */
export const COOKIE_LIMIT = 4096

interface Payload {
  v: unknown
  e: number
}

/** What a token holds: the JSON it decrypted to (null: not a token of ours), parsed when first read. */
interface CachedPayload {
  purpose: string
  json: string | null
  payload?: Payload | null
}

/** One of the two cookies: its name and what its contents are bound to. */
interface Part {
  cookie: string
  purpose: string
}

export class CookieStore implements SessionStore {
  /** read() hands out parsed values it keeps for the next request with the same cookie. */
  readonly sharesValues = true
  /**
   * Payloads by token, as decrypted or as encrypted here: the browser sends back the cookie it
   * was given, and sends it again until it changes. Each entry keeps what it is bound to.
   */
  readonly #payloads = new TokenCache<CachedPayload>(5_000)
  readonly #data: Part
  readonly #flash: Part
  /** The key kept in the second cookie, or null to keep everything in one. */
  readonly #apart: string | null
  readonly #ageMs: number
  readonly #app: DriverContext

  constructor (config: SessionConfig, app: DriverContext) {
    this.#data = { cookie: `${config.cookie}-data`, purpose: 'session' }
    this.#flash = { cookie: `${config.cookie}-flash`, purpose: 'session-flash' }
    this.#apart = app.shortLivedKey ?? null
    this.#ageMs = config.age * 60_000
    this.#app = app
  }

  read (id: string, cookies: CookieCarrier): SessionData | null {
    const data = this.#open(this.#data, id, cookies) as SessionData | undefined
    const apart = this.#apart
    const flash = apart === null ? undefined : this.#open(this.#flash, id, cookies)
    if (data === undefined && flash === undefined) return null
    // Shared with other requests of the cache: never changed here, only copied.
    return flash === undefined ? data! : { ...data, [apart!]: flash }
  }

  write (id: string, commit: SessionCommit, cookies: CookieCarrier): void {
    const apart = this.#apart
    const { changes } = commit
    const apartChanged = apart !== null && (changes === null || changes.has(apart))
    const restChanged = changes === null || changes.size > (apartChanged ? 1 : 0)
    if (restChanged) this.#sendData(id, commit.values, cookies)
    if (apartChanged) this.#sendFlash(id, commit.values[apart], cookies)
  }

  touch (id: string, values: SessionData, cookies: CookieCarrier): void {
    this.#sendData(id, values, cookies)
    const apart = this.#apart
    if (apart !== null && values[apart] !== undefined) this.#sendFlash(id, values[apart], cookies)
  }

  destroy (_id: string, cookies: CookieCarrier): void {
    cookies.clear(this.#data.cookie)
    cookies.clear(this.#flash.cookie)
  }

  #sendData (id: string, values: SessionData, cookies: CookieCarrier): void {
    // A copy without the flash only when there is one: copying every session on every write showed in profiles.
    const apart = this.#apart
    if (apart === null || !Object.hasOwn(values, apart)) return this.#seal(this.#data, id, values, cookies)
    const { [apart]: _flash, ...rest } = values
    this.#seal(this.#data, id, rest, cookies)
  }

  #sendFlash (id: string, flash: unknown, cookies: CookieCarrier): void {
    if (flash === undefined) cookies.clear(this.#flash.cookie)
    else this.#seal(this.#flash, id, flash, cookies)
  }

  /** The value in one of the cookies, or undefined when it is missing, forged, of another session or expired. */
  #open (part: Part, id: string, cookies: CookieCarrier): unknown {
    const token = cookies.get(part.cookie)
    if (!token) return undefined
    const purpose = `${part.purpose}:${id}`
    let known = this.#payloads.get(token)
    if (known === undefined || known.purpose !== purpose) {
      known = { purpose, json: token.length <= COOKIE_LIMIT ? this.#app.decrypt(token, purpose) : null }
      this.#payloads.set(token, known)
    }
    // Parsed on first use only, then shared by the requests that send this cookie.
    if (known.payload === undefined) known.payload = parsePayload(known.json)
    const { payload } = known
    return payload !== null && payload.e > Date.now() ? payload.v : undefined
  }

  #seal (part: Part, id: string, value: unknown, cookies: CookieCarrier): void {
    const purpose = `${part.purpose}:${id}`
    const json = JSON.stringify({ v: value, e: Date.now() + this.#ageMs } satisfies Payload)
    const token = this.#app.encrypt(json, purpose)
    const size = part.cookie.length + 1 + token.length
    if (size > COOKIE_LIMIT) throw E_SESSION_TOO_LARGE(size)
    // The JSON, not the values given: those belong to the caller, who may change them.
    this.#payloads.set(token, { purpose, json })
    cookies.set(part.cookie, token)
  }
}

function parsePayload (json: string | null): Payload | null {
  if (json === null) return null
  try {
    const payload = JSON.parse(json) as Payload
    return typeof payload === 'object' && payload !== null && typeof payload.e === 'number' ? payload : null
  } catch {
    return null
  }
}
