/**
 * The contract between sessions and their stores. A store may answer synchronously or with a
 * promise. It never sees HTTP: the cookie driver gets a small cookie carrier instead.
 */

export type SessionData = Record<string, unknown>

/** The attributes the session sets its cookies with. */
export interface CookieAttributes {
  /** Lifetime in seconds; none for a browser-session cookie. */
  maxAge?: number
  httpOnly: boolean
  secure: boolean
  sameSite: 'lax' | 'strict' | 'none' | boolean
  path: string
  domain: string | null
}

/** A request's cookies, as the request layer keeps them (its CookieJar). */
export interface CookieJarLike {
  get (name: string): string | undefined
  set (name: string, value: string, attributes: CookieAttributes): void
  clear (name: string, attributes: CookieAttributes): void
}

/** Reads and writes cookies on behalf of a store; the session decides their attributes. */
export interface CookieCarrier {
  get (name: string): string | undefined
  set (name: string, value: string): void
  clear (name: string): void
}

/**
 * What one request changed. `changes` maps each top-level key it changed to its new value
 * (undefined: removed); stores that can apply it to the value stored now, so concurrent
 * requests that change different keys keep both. When `changes` is null the whole session is
 * replaced by `values` (a new, flushed or regenerated session).
 */
export interface SessionCommit {
  values: SessionData
  changes: Map<string, unknown> | null
}

export interface SessionStore {
  /**
   * True when read() may give several requests the same object (a cache): sessions then copy
   * it before changing anything. Otherwise read() must return an object of the request's own.
   */
  readonly sharesValues?: boolean
  /** The values of a session, or null when the id is unknown or expired. */
  read (id: string, cookies: CookieCarrier): Promise<SessionData | null> | SessionData | null
  /** Saves a commit and restarts the session's idle timeout. */
  write (id: string, commit: SessionCommit, cookies: CookieCarrier): Promise<void> | void
  /** Restarts the idle timeout of a session that was read but not changed. */
  touch (id: string, values: SessionData, cookies: CookieCarrier): Promise<void> | void
  destroy (id: string, cookies: CookieCarrier): Promise<void> | void
  /** Resolves when the store can serve sessions now; rejects (E_SESSION_STORE_UNAVAILABLE) when not. For health checks. */
  ping? (): Promise<void> | void
  /** Releases connections and timers when the app stops. */
  close? (): Promise<void> | void
}

/** Builds a store from the session config; register one with Session.extend(name, factory). */
export type SessionDriverFactory = (config: SessionConfig, app: DriverContext) => SessionStore

/** What a driver may need from the app. */
export interface DriverContext {
  root: string
  /**
   * A key written on one request and removed on the next (flash messages), or null: a store
   * may keep it apart from the rest, as the cookie store does, so that neither rewrites the other.
   */
  shortLivedKey?: string | null
  encrypt (plaintext: string, purpose: string): string
  decrypt (token: string, purpose: string): string | null
  log: { warn (message: string): void, error (message: string): void }
}

export interface SessionConfig {
  driver: string
  cookie: string
  /** Minutes of inactivity after which the session expires. */
  age: number
  clearWithBrowser: boolean
  httpOnly: boolean
  sameSite: 'lax' | 'strict' | 'none' | boolean
  domain: string | null
  path: string
  /** Secure cookies: always, never, or 'auto' (on HTTPS requests; behind a proxy, with http.trustProxy). */
  secure: boolean | 'auto'
  file: { directory: string }
  redis: RedisSessionConfig
  /** The memory driver keeps at most this many sessions, dropping the least recently used. */
  memory: { maxSessions: number }
  [option: string]: unknown
}

/**
 * The redis driver's settings: exactly one of `url`, `cluster` or `sentinels` with `name`
 * (see stores/redis_config.ts); undefined, null and '' count as not given.
 */
export interface RedisSessionConfig {
  /** One server: redis://user:password@host:6379/0, rediss:// for TLS. */
  url?: string | null
  /** Redis Cluster seed nodes, as a list or one comma-separated string. */
  cluster?: string[] | string | null
  /** Sentinels, as a list or one comma-separated string; `name` is the master they watch. */
  sentinels?: string[] | string | null
  name?: string | null
  prefix: string
}
