/**
 * request.session: read lazily on first use, changed in memory, committed once before the
 * response goes out. Every method returns a promise, so `yield` and `await` both work.
 *
 * A store that answers synchronously (cookie, memory) loads the session at once, and the
 * methods of a loaded session settle their promise at once: each async hop was a microtask
 * and a promise on every request (docs/benchmarks.md, the ceiling on Koa).
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
  put (keyOrValues: string | SessionData, value?: unknown): Promise<void> {
    if (this.#values === null) return this.#putLater(keyOrValues, value)
    try {
      if (typeof keyOrValues === 'string') {
        this.#set(keyOrValues, value)
      } else if (isPlainObject(keyOrValues)) {
        for (const [key, item] of Object.entries(keyOrValues)) this.#set(key, item)
      } else {
        throw new TypeError('session.put() takes a key and a value, or an object of values')
      }
      return LOADED
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** The value (a copy), or the default (null when none is given) when the key is missing. */
  get (key: string, defaultValue: unknown = null): Promise<unknown> {
    if (this.#values === null) return this.#getLater(key, defaultValue)
    try {
      return Promise.resolve(this.getLoaded(key, defaultValue))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  async has (key: string): Promise<boolean> {
    return getPath(await this.#loaded(), key) !== undefined
  }

  /** A deep copy of every value. */
  async all (): Promise<SessionData> {
    return cloneData(await this.#loaded())
  }

  async forget (key: string): Promise<void> {
    await this.#loaded()
    this.forgetLoaded(key)
  }

  /** get() then forget(). */
  async pull (key: string, defaultValue: unknown = null): Promise<unknown> {
    const value = await this.get(key, defaultValue)
    await this.forget(key)
    return value
  }

  /**
   * Removes every value and gives up the id (call it on logout): the stored session is deleted
   * at commit, and values put afterwards start a session under a new id, so a request still in
   * flight with the old id can never bring the old session back.
   */
  async flush (): Promise<void> {
    await this.#loaded()
    this.#values = {}
    this.#shared = false
    this.#copied = null
    this.#changed.clear()
    this.#giveUpId(null)
  }

  /**
   * A new id for the same values (call it on login, against session fixation); the old one is
   * deleted. Values bound to the id, such as the CSRF secret, are dropped with it.
   */
  async regenerate (): Promise<void> {
    await this.#loaded()
    for (const key of this.#manager.idBoundKeys) delete this.#writable(key)[key]
    this.#giveUpId(newSessionId())
  }

  /**
   * Resolves when the session store can serve sessions now, rejects with a 503
   * (E_SESSION_STORE_UNAVAILABLE) when not: for a /health route. Reads and writes no session.
   */
  async ping (): Promise<void> {
    await this.#manager.store.ping?.()
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

  /** Whether the store holds this session under the id the browser sent (once loaded). */
  get isStored (): boolean {
    return this.#stored
  }

  /** Whether this request changed the session, so that the commit writes it. */
  get isDirty (): boolean {
    return this.#changed.size > 0 || this.#replace
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

  /** Synchronous forget() on a loaded session, for the framework's own keys (flash). */
  forgetLoaded (key: string): void {
    const values = this.#values
    if (values === null) throw new Error('The session must be loaded before forgetLoaded()')
    if (getPath(values, key) === undefined && !Object.hasOwn(values, key)) return
    if (unsetPath(this.#writable(key), key)) this.#changed.add(splitPath(key)[0]!)
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

  /** The stored session goes at commit; whatever is left is written under the next id (a new one when null). */
  #giveUpId (next: string | null): void {
    if (this.#stored && this.#id !== null) this.#discardedId = this.#id
    this.#id = next
    this.#stored = false
    this.#replace = true
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

  async #putLater (keyOrValues: string | SessionData, value?: unknown): Promise<void> {
    await this.load()
    await this.put(keyOrValues, value)
  }

  async #getLater (key: string, defaultValue: unknown): Promise<unknown> {
    await this.load()
    return this.getLoaded(key, defaultValue)
  }

  /** Reads the store: at once when it answers synchronously, else when its promise settles. */
  #read (): Promise<void> {
    const { config, signer, store } = this.#manager
    const cookie = this.#cookies.get(config.cookie)
    try {
      const unsigned = cookie ? signer.unsign(cookie, 'session-id') : null
      const [id, sentAt] = unsigned ? parseCookieValue(unsigned.value) : [null, 0]
      if (unsigned && isSessionId(id)) {
        const stored = store.read(id, this.#cookies)
        if (isThenable(stored)) return this.#adoptLater(stored, id, sentAt, unsigned.stale)
        this.#adopt(stored, id, sentAt, unsigned.stale)
        return LOADED
      }
    } catch (error) {
      return Promise.reject(error)
    }
    if (cookie) this.#manager.log.debug('ignored a session cookie that is not signed with the app key')
    this.#values = {}
    return LOADED
  }

  async #adoptLater (stored: PromiseLike<SessionData | null>, id: string, sentAt: number, stale: boolean): Promise<void> {
    this.#adopt(await stored, id, sentAt, stale)
  }

  /** Takes what the store read; strict mode: an id the store does not know is never adopted, a new one is issued on write. */
  #adopt (stored: SessionData | null, id: string, sentAt: number, stale: boolean): void {
    if (!stored) {
      this.#values = {}
      return
    }
    this.#id = id
    this.#stored = true
    this.#staleCookie = stale
    this.#sentAt = sentAt
    this.#values = stored
    this.#shared = this.#manager.store.sharesValues === true
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

/** A store may answer with any promise-like value (a custom driver's), or with the values themselves. */
function isThenable (value: unknown): value is PromiseLike<SessionData | null> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
