/**
 * The app's sessions: the config, the store its driver names, and a Session for each request
 * that asks for one. The store is chosen at boot, so an unknown driver stops the app at once.
 */
import type { Encrypter } from '../crypto/encrypter'
import type { Signer } from '../crypto/signer'
import { E_UNKNOWN_SESSION_DRIVER } from '../errors'
import type { HttpContext } from '../http/context'
import type { CookieOptions } from '../http/cookies'
import type { Logger } from '../logger'
import { sessionDrivers } from './drivers'
import { Session } from './session'
import type { CookieCarrier, SessionConfig, SessionStore } from './types'

export interface SessionManagerOptions {
  root: string
  signer: Signer
  encrypter: Encrypter
  logger: Logger
}

export class SessionManager {
  readonly config: SessionConfig
  readonly store: SessionStore
  readonly signer: Signer
  readonly log: Logger
  readonly #cookieOptions: CookieOptions

  constructor (config: SessionConfig, options: SessionManagerOptions) {
    const factory = sessionDrivers.get(config.driver)
    if (!factory) throw E_UNKNOWN_SESSION_DRIVER(config.driver, [...sessionDrivers.keys()])
    this.config = config
    this.signer = options.signer
    this.log = options.logger
    const { encrypter } = options
    this.store = factory(config, {
      root: options.root,
      encrypt: (plaintext, purpose) => encrypter.encrypt(plaintext, purpose),
      decrypt: (token, purpose) => encrypter.decrypt(token, purpose)?.value ?? null,
      log: options.logger,
    })
    this.#cookieOptions = {
      httpOnly: config.httpOnly,
      sameSite: config.sameSite,
      secure: config.secure,
      path: config.path,
      domain: config.domain,
      maxAge: config.clearWithBrowser ? undefined : Math.round(config.age * 60),
    }
  }

  /** The session of one request. */
  create (http: HttpContext): Session {
    const options = this.#cookieOptions
    const clearOptions: CookieOptions = { path: options.path, domain: options.domain, secure: options.secure, sameSite: options.sameSite }
    const cookies: CookieCarrier = {
      get: (name) => http.cookies.get(name),
      set: (name, value) => http.cookies.set(name, value, options),
      clear: (name) => http.cookies.clear(name, clearOptions),
    }
    return new Session(this, cookies)
  }

  async close (): Promise<void> {
    await this.store.close?.()
  }
}
