/**
 * The app's sessions: the config, the store its driver names, and a Session for each request
 * that asks for one. The store is chosen at boot, so an unknown driver stops the app at once.
 */
import type { Encrypter } from '../crypto/encrypter'
import type { Signer } from '../crypto/signer'
import { E_INVALID_SESSION_DRIVER, E_UNKNOWN_SESSION_DRIVER } from '../errors'
import type { Logger } from '../logger'
import { sessionDrivers } from './drivers'
import { Session } from './session'
import type { CookieAttributes, CookieCarrier, CookieJarLike, SessionConfig, SessionDriverFactory, SessionStore } from './types'

export interface SessionManagerOptions {
  root: string
  signer: Signer
  encrypter: Encrypter
  logger: Logger
  /** Keys that belong to the id rather than to the user, dropped by regenerate() (the CSRF secret). */
  idBoundKeys?: readonly string[]
  /** A key written on one request and removed on the next (flash messages), that stores may keep apart. */
  shortLivedKey?: string
}

export class SessionManager {
  /**
   * Registers a session driver, as AdonisJs 3 apps did: SessionManager.extend('mongo', driver),
   * where driver is a function (config, app) => store, or a store built already.
   */
  static extend (name: string, driver: SessionDriverFactory | SessionStore): void {
    if (typeof driver === 'function') {
      sessionDrivers.set(name, driver)
      return
    }
    if (driver === null || typeof driver !== 'object' || typeof driver.read !== 'function' || typeof driver.write !== 'function') {
      throw E_INVALID_SESSION_DRIVER(name)
    }
    sessionDrivers.set(name, () => driver)
  }

  readonly config: SessionConfig
  readonly store: SessionStore
  readonly signer: Signer
  readonly log: Logger
  /**
   * A session that is only read slides its expiry (new cookies, a store touch) at most this
   * often, not on every request: a minute, or a tenth of `age` for short ages.
   */
  readonly touchInterval: number
  readonly idBoundKeys: readonly string[]
  /** The cookies' attributes: [over plain HTTP, over HTTPS] (they differ only with secure: 'auto'). */
  readonly #cookieOptions: readonly [CookieAttributes, CookieAttributes]

  constructor (config: SessionConfig, options: SessionManagerOptions) {
    const factory = sessionDrivers.get(config.driver)
    if (!factory) throw E_UNKNOWN_SESSION_DRIVER(config.driver, [...sessionDrivers.keys()])
    this.config = config
    this.signer = options.signer
    this.log = options.logger
    this.touchInterval = Math.min(60_000, config.age * 6_000)
    this.idBoundKeys = options.idBoundKeys ?? []
    const { encrypter } = options
    this.store = factory(config, {
      root: options.root,
      shortLivedKey: options.shortLivedKey ?? null,
      encrypt: (plaintext, purpose) => encrypter.encrypt(plaintext, purpose),
      decrypt: (token, purpose) => encrypter.decrypt(token, purpose)?.value ?? null,
      log: options.logger,
    })
    const attributes = (secure: boolean): CookieAttributes => ({
      httpOnly: config.httpOnly,
      sameSite: config.sameSite,
      secure,
      path: config.path,
      domain: config.domain,
      maxAge: config.clearWithBrowser ? undefined : Math.round(config.age * 60),
    })
    if (config.secure === 'auto') {
      this.#cookieOptions = [attributes(false), attributes(true)]
    } else {
      const fixed = attributes(config.secure)
      this.#cookieOptions = [fixed, fixed]
    }
  }

  /** The session of one request, reading and setting its cookies through `cookies` (see carrier()). */
  create (cookies: CookieCarrier): Session {
    return new Session(this, cookies)
  }

  /**
   * A request's cookies, set with the session cookie's attributes (for the session and the
   * cookies that go with it); `https`: whether the request came over HTTPS, which makes them
   * Secure with secure: 'auto'.
   */
  carrier (jar: CookieJarLike, https: boolean): CookieCarrier {
    return new SessionCookies(jar, this.#cookieOptions[https ? 1 : 0])
  }

  async close (): Promise<void> {
    await this.store.close?.()
  }
}

/** The request's cookies, as stores see them: set with the session's attributes. */
class SessionCookies implements CookieCarrier {
  readonly #jar: CookieJarLike
  readonly #options: CookieAttributes

  constructor (jar: CookieJarLike, options: CookieAttributes) {
    this.#jar = jar
    this.#options = options
  }

  get (name: string): string | undefined {
    return this.#jar.get(name)
  }

  set (name: string, value: string): void {
    this.#jar.set(name, value, this.#options)
  }

  clear (name: string): void {
    this.#jar.clear(name, this.#options)
  }
}
