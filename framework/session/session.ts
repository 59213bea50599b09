/**
 * request.session: read lazily on first use, changed in memory, committed once before the
 * response goes out. Every method returns a promise, so `yield` and `await` both work.
 */
import { cloneData, getPath, isPlainObject, setPath, splitPath, unsetPath } from '../support/object_path'
import type { SessionManager } from './session_manager'
import { sessionDrivers } from './drivers'
import { isSessionId, newSessionId } from './session_id'
import type { CookieCarrier, SessionData, SessionDriverFactory } from './types'
import { assertStorable } from './values'

export class Session {
  /** Registers a session driver: Session.extend('mongo', (config, app) => new MongoStore(config)). */
  static extend (name: string, factory: SessionDriverFactory): void {
    sessionDrivers.set(name, factory)
  }

  readonly #manager: SessionManager
  readonly #cookies: CookieCarrier
  #id: string | null = null
  #values: SessionData | null = null
  /**
   * The values are the store's (it may hand the same object to other requests): on the first
   * change the top level is copied, and a top-level value only when something inside it
   * changes (its key is then in #copied). Copying the whole session on every write cost more
   * than the change itself (docs/benchmarks.md, the cookie driver's write path).
   */
  #shared = false
  /** Top-level keys whose values belong to this request, once the top level has been copied (null: all of them). */
  #copied: Set<string> | null = null
  #loading: Promise<void> | null = null
  /** The id came from the cookie and the store knows it. */
  #stored = false
  /** The cookie was signed with a previous app key: send it again with the current one. */
  #staleCookie = false
  /** When the browser was last sent this session's cookies (ms), from the cookie itself. */
  #sentAt = 0
  /** Top-level keys changed by this request. */
  readonly #changed = new Set<string>()
  /** Flushed or regenerated: write the whole session rather than the changed keys. */
  #replace = false
  #discardedId: string | null = null

  constructor (manager: SessionManager, cookies: CookieCarrier) {
    this.#manager = manager
    this.#cookies = cookies
  }

  /** The session id, once the session has been read (null for a new session until it is saved). */
  get id (): string | null {
    return this.#id
  }

  /** put('key', value), with dotted keys for nested values, or put({ key: value, ... }). */
  async put (keyOrValues: string | SessionData, value?: unknown): Promise<void> {
    await this.#loaded()
    if (typeof keyOrValues === 'string') {
      this.#set(keyOrValues, value)
    } else if (isPlainObject(keyOrValues)) {
      for (const [key, item] of Object.entries(keyOrValues)) this.#set(key, item)
    } else {
      throw new TypeError('session.put() takes a key and a value, or an object of values')
    }
  }

  /** The value (a copy), or the default (null when none is given) when the key is missing. */
  async get (key: string, defaultValue: unknown = null): Promise<unknown> {
    await this.#loaded()
    return this.getLoaded(key, defaultValue)
  }

  async has (key: string): Promise<boolean> {
    return getPath(await this.#loaded(), key) !== undefined
  }

  /** A deep copy of every value. */
  async all (): Promise<SessionData> {
    return cloneData(await this.#loaded())
  }

  async forget (key: string): Promise<void> {
    const values = await this.#loaded()
    if (getPath(values, key) === undefined && !Object.hasOwn(values, key)) return
    if (unsetPath(this.#writable(key), key)) this.#changed.add(splitPath(key)[0]!)
  }

  /** get() then forget(). */
  async pull (key: string, defaultValue: unknown = null): Promise<unknown> {
    const value = await this.get(key, defaultValue)
    await this.forget(key)
    return value
  }

  /** Removes every value; the stored session is deleted at commit unless new values are put. */
  async flush (): Promise<void> {
    await this.#loaded()
    this.#values = {}
    this.#shared = false
    this.#copied = null
    this.#changed.clear()
    this.#replace = true
  }

  /** A new id for the same values (call it on login, against session fixation); the old one is deleted. */
  async regenerate (): Promise<void> {
    await this.#loaded()
    if (this.#stored && this.#id !== null) this.#discardedId = this.#id
    this.#id = newSessionId()
    this.#stored = false
    this.#replace = true
  }

  /** Reads the store, at most once per request. Features such as flash call it before rendering. */
  load (): Promise<void> {
    if (this.#values !== null) return LOADED
    // No cookie, no session to read: loaded at once, so that callers need not wait.
    if (this.#cookies.get(this.#manager.config.cookie) === undefined) {
      this.#values = {}
      return LOADED
    }
    this.#loading ??= this.#read()
    return this.#loading
  }

  /** Whether the session has been read (its values can be used synchronously). */
  get isLoaded (): boolean {
    return this.#values !== null
  }

  /** Synchronous read of a loaded session, for views that cannot wait (old(), csrfField()). */
  getLoaded (key: string, defaultValue: unknown = null): unknown {
    const value = getPath(this.#values, key)
    return value === undefined ? defaultValue : cloneData(value)
  }

  /** Synchronous write to a loaded session, for the framework's own keys (flash, CSRF). */
  putLoaded (key: string, value: unknown): void {
    if (this.#values === null) throw new Error('The session must be loaded before putLoaded()')
    this.#set(key, value)
  }

  /** Saves what changed (or only slides the expiry) and sends the cookies. Called once, by the server. */
  async commit (): Promise<void> {
    if (this.#values === null) return
    const { store } = this.#manager
    const values = this.#values
    if (this.#changed.size === 0 && !this.#replace) {
      if (!this.#stored || this.#id === null) return
      // Sliding the expiry means new cookies and a store write: done at most every touchInterval.
      if (!this.#staleCookie && Date.now() - this.#sentAt < this.#manager.touchInterval) return
      await store.touch(this.#id, values, this.#cookies)
      this.#sendId()
      return
    }
    if (this.#discardedId !== null) await store.destroy(this.#discardedId, this.#cookies)
    const empty = Object.keys(values).length === 0
    if (empty && (this.#replace || !this.#stored)) {
      if (this.#stored && this.#id !== null) await store.destroy(this.#id, this.#cookies)
      if (this.#stored || this.#discardedId !== null || this.#cookies.get(this.#manager.config.cookie) !== undefined) {
        this.#cookies.clear(this.#manager.config.cookie)
      }
      return
    }
    const replace = this.#replace || !this.#stored
    if (this.#id === null) this.#id = newSessionId()
    const changes = replace ? null : new Map([...this.#changed].map((key) => [key, values[key]]))
    await store.write(this.#id, { values, changes }, this.#cookies)
    // The browser holds this id already (sent a moment ago): no new signature, no Set-Cookie.
    if (!this.#stored || this.#staleCookie || Date.now() - this.#sentAt >= this.#manager.touchInterval) this.#sendId()
  }

  #set (key: string, value: unknown): void {
    assertStorable(key, value)
    setPath(this.#writable(key), key, cloneData(value))
    this.#changed.add(splitPath(key)[0]!)
  }

  /** The values, ready for a change at `path`: what the change reaches into is this request's own. */
  #writable (path: string): SessionData {
    if (this.#shared) {
      this.#values = { ...this.#values }
      this.#shared = false
      this.#copied = new Set()
    }
    const values = this.#values!
    const top = splitPath(path)[0]!
    if (this.#copied !== null && !this.#copied.has(top)) {
      // A change of a whole top-level key replaces its value: only a deeper change needs a copy.
      if (top !== path && typeof values[top] === 'object' && values[top] !== null) values[top] = cloneData(values[top])
      this.#copied.add(top)
    }
    return values
  }

  async #loaded (): Promise<SessionData> {
    if (this.#values === null) await this.load()
    return this.#values!
  }

  async #read (): Promise<void> {
    const { config, signer, store } = this.#manager
    const cookie = this.#cookies.get(config.cookie)
    const unsigned = cookie ? signer.unsign(cookie, 'session-id') : null
    const [id, sentAt] = unsigned ? parseCookieValue(unsigned.value) : [null, 0]
    if (unsigned && isSessionId(id)) {
      const stored = await store.read(id, this.#cookies)
      if (stored) {
        this.#id = id
        this.#stored = true
        this.#staleCookie = unsigned.stale
        this.#sentAt = sentAt
        this.#values = stored
        this.#shared = store.sharesValues === true
        return
      }
    } else if (cookie) {
      this.#manager.log.debug(`ignored a session cookie that is not signed with the app key`)
    }
    // Strict mode: an id the store does not know is never adopted; a new one is issued on write.
    this.#values = {}
  }

  /** The signed cookie: the id and when it was sent (in seconds, base 36), so later requests know when to slide it. */
  #sendId (): void {
    const { config, signer } = this.#manager
    this.#sentAt = Date.now()
    this.#cookies.set(config.cookie, signer.sign(`${this.#id}.${Math.floor(this.#sentAt / 1000).toString(36)}`, 'session-id'))
  }

}

/** 'id.sentAt' -> [id, sentAt in ms]; 0 when the time is missing or unreadable (the cookie is then sent again). */
function parseCookieValue (value: string): [string, number] {
  const dot = value.indexOf('.')
  if (dot === -1) return [value, 0]
  const seconds = parseInt(value.slice(dot + 1), 36)
  return [value.slice(0, dot), Number.isFinite(seconds) ? seconds * 1000 : 0]
}

const LOADED: Promise<void> = Promise.resolve()
