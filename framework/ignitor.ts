/**
 * Boots an app folder, in this order: .env, config/, the app key, app/Http/kernel.ts,
 * start/routes.ts, the session driver, the router, views. Any mistake stops the boot with an
 * error naming the file and what to change.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Application } from './application'
import { configFileName, loadConfig, type Config, type ConfigValues } from './config/config'
import { loadEnvFile } from './config/env'
import { checkEnv } from './config/env_schema'
import { Encrypter } from './crypto/encrypter'
import { Signer } from './crypto/signer'
import { E_APP_NOT_FOUND, E_CORS_NOT_GLOBAL, E_INVALID_CONFIG, E_MISSING_APP_KEY, E_WEAK_APP_KEY, E_WEAK_PREVIOUS_KEY } from './errors'
import { bodyParserConfig } from './http/body_parser_config'
import { CookieCodec } from './http/cookie_codec'
import { DevHosts } from './http/dev_hosts'
import { PublicFiles, STATIC_DEFAULTS, type StaticOptions } from './http/public_files'
import { createLogger, loggerConfig, type Logger } from './logger'
import { useLogger } from './logger_facade'
import { BUILT_IN_MIDDLEWARE } from './http/middleware/built_ins'
import { loadKernel } from './middleware/kernel'
import { appMiddlewareStep, compileRoutes } from './http/routes'
import { beginRoutes, useRouter } from './routing/route_facade'
import { sessionConfig } from './session/session_config'
import { SessionManager } from './session/session_manager'
import { FLASH_KEY } from './flash/flash_messages'
import { CSRF_SECRET_KEY } from './shield/csrf'
import { shieldConfig } from './shield/shield_config'
import { corsConfig, type CorsConfig } from './cors/cors_config'
import { CORS_MIDDLEWARE } from './http/middleware/cors'
import type { HttpMiddleware } from './http/middleware/step'
import type { Kernel } from './middleware/kernel'
import { findModule, loadModule } from './support/module_loader'
import { isPlainObject } from './support/object_path'
import { urlFilters } from './view/filters'
import { ViewRenderer } from './view/view_renderer'

export interface BootOptions {
  /** The app folder. */
  root: string
  /** Values merged over config/ (tests use this): { session: { driver: 'memory' } }. */
  config?: ConfigValues
  /** Production mode (cached views, no stacks in error pages); defaults to NODE_ENV === 'production'. */
  production?: boolean
  logger?: Logger
}

/** The shortest APP_KEY accepted. */
export const MIN_APP_KEY_LENGTH = 32

export function boot (options: BootOptions): Application {
  const root = path.resolve(options.root)
  const routesFile = findModule(path.join(root, 'start', 'routes'))
  if (!routesFile) throw E_APP_NOT_FOUND(root)

  loadEnvFile(root)
  const config = loadConfig(root, options.config)
  checkEnv(config.get('app.env'))
  const production = options.production ?? process.env.NODE_ENV === 'production'
  const logging = loggerConfig(config.get('app.logger'), production)
  const logger = options.logger ?? createLogger(logging, root)
  useLogger(logger)
  const appKeys = readAppKeys(config)
  const signer = new Signer(appKeys)
  const encrypter = new Encrypter(appKeys)

  const kernel = loadKernel(root, BUILT_IN_MIDDLEWARE, appMiddlewareStep)
  const collector = beginRoutes()
  loadModule(routesFile, root)
  // After the routes file, so that it (or a file it imports) may register a session driver.
  const sessions = new SessionManager(sessionConfig(config.get('session')), { root, signer, encrypter, logger, idBoundKeys: [CSRF_SECRET_KEY], shortLivedKey: FLASH_KEY })
  const router = compileRoutes(collector, kernel, root)
  useRouter(router)

  const views = new ViewRenderer(path.join(root, 'resources', 'views'), {
    cache: config.get('app.views.cache', production),
    filters: urlFilters(router),
  })
  const publicDir = path.join(root, 'public')

  return new Application({
    root,
    production,
    config,
    logger,
    kernel,
    router,
    views,
    sessions,
    cookies: new CookieCodec(encrypter),
    bodyParser: bodyParserConfig(config.get('bodyParser'), root),
    publicFiles: fs.existsSync(publicDir) ? new PublicFiles(fs.realpathSync(publicDir), staticOptions(config)) : null,
    trustProxy: config.get('app.http.trustProxy', false),
    timeouts: requestTimeouts(config),
    compression: compression(config),
    shield: shieldConfig(config.get('shield'), configFileName(root, 'shield')),
    devHosts: production ? null : devHosts(config),
    cors: corsSettings(kernel, config, root),
    allowMethodSpoofing: allowMethodSpoofing(config),
    // Off when info lines are not written: a request then costs nothing more.
    requestLog: logging.requestLog && logger.isLevelEnabled('info'),
  })
}

/** http.allowMethodSpoofing: whether a POST's _method is its verb (true unless set to false). */
function allowMethodSpoofing (config: Config): boolean {
  const allowed = config.get<unknown>('app.http.allowMethodSpoofing', true)
  if (typeof allowed !== 'boolean') throw E_INVALID_CONFIG('config/app.ts', 'http.allowMethodSpoofing', 'must be true or false')
  return allowed
}

/** APP_KEY (config app.appKey), then the keys still accepted while rotating (app.previousKeys, APP_KEY_PREVIOUS). */
function readAppKeys (config: Config): string[] {
  const appKey = config.get<unknown>('app.appKey', process.env.APP_KEY)
  if (appKey === undefined || appKey === null || appKey === '') throw E_MISSING_APP_KEY()
  if (typeof appKey !== 'string') throw E_INVALID_CONFIG('config/app.ts', 'appKey', 'must be a string')
  if (appKey.length < MIN_APP_KEY_LENGTH) throw E_WEAK_APP_KEY(appKey.length)
  const previous = config.get<unknown>('app.previousKeys', process.env.APP_KEY_PREVIOUS ?? [])
  const list = typeof previous === 'string' ? previous.split(',') : previous
  if (!Array.isArray(list)) throw E_INVALID_CONFIG('config/app.ts', 'previousKeys', 'must be a list of keys (or APP_KEY_PREVIOUS, comma separated)')
  const previousKeys = list.map((key) => String(key).trim()).filter(Boolean)
  previousKeys.forEach((key, index) => { if (key.length < MIN_APP_KEY_LENGTH) throw E_WEAK_PREVIOUS_KEY(index + 1, key.length) })
  return [appKey, ...previousKeys]
}

/** http.compression: false (the default: a proxy in front usually compresses), true, or { threshold } in bytes. */
function compression (config: Config): { threshold: number } | null {
  const given = config.get<unknown>('app.http.compression', false)
  if (given === false) return null
  if (given === true) return { threshold: 1024 }
  const threshold = isPlainObject(given) ? given.threshold ?? 1024 : undefined
  if (typeof threshold !== 'number' || !(threshold >= 0)) {
    throw E_INVALID_CONFIG('config/app.ts', 'http.compression', 'must be true, false, or { threshold: <bytes> } (answers smaller than threshold are sent as they are)')
  }
  return { threshold }
}

/** config/app.ts `static`: Cache-Control of public files. */
function staticOptions (config: Config): StaticOptions {
  const given = { ...STATIC_DEFAULTS, ...config.get<Partial<StaticOptions>>('app.static', {}) }
  if (typeof given.maxAge !== 'number' || !(given.maxAge >= 0)) throw E_INVALID_CONFIG('config/app.ts', 'static.maxAge', 'must be a number of seconds, 0 or more')
  if (given.immutable !== null && !(given.immutable instanceof RegExp)) {
    throw E_INVALID_CONFIG('config/app.ts', 'static.immutable', 'must be a regular expression matching fingerprinted file names, or null')
  }
  return given
}

/** http.requestTimeout and http.headersTimeout (ms): how long a client may take to send its request. */
function requestTimeouts (config: Config): { requestMs: number, headersMs: number } {
  const read = (key: string, fallback: number): number => {
    const value = config.get<unknown>(`app.http.${key}`, fallback)
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw E_INVALID_CONFIG('config/app.ts', `http.${key}`, `must be a whole number of milliseconds above 0, such as ${fallback}`)
    }
    return value
  }
  const requestMs = read('requestTimeout', 60_000)
  const headersMs = read('headersTimeout', Math.min(20_000, requestMs))
  if (headersMs > requestMs) throw E_INVALID_CONFIG('config/app.ts', 'http.headersTimeout', `must not be longer than http.requestTimeout (${requestMs})`)
  return { requestMs, headersMs }
}

/** The hosts a development server answers: loopback names, the one it listens on, and http.allowedHosts. */
function devHosts (config: Config): DevHosts {
  const allowed = config.get<unknown>('app.http.allowedHosts', [])
  if (!Array.isArray(allowed) || !allowed.every((host) => typeof host === 'string')) {
    throw E_INVALID_CONFIG('config/app.ts', 'http.allowedHosts', "must list host names, such as ['myapp.test']")
  }
  return new DevHosts(config.get<string>('app.http.host', process.env.HOST || '127.0.0.1'), allowed)
}
/** config/cors, read only when the kernel lists Cors (globally: it acts before routing). */
function corsSettings (kernel: Kernel<HttpMiddleware>, config: Config, root: string): CorsConfig | null {
  if ([...kernel.named.values()].some((entry) => entry.name === CORS_MIDDLEWARE)) throw E_CORS_NOT_GLOBAL()
  if (!kernel.global.some((entry) => entry.name === CORS_MIDDLEWARE)) return null
  return corsConfig(config.get('cors'), configFileName(root, 'cors'))
}
