/**
 * A booted app: its config, router, views and sessions, served by Koa. Built by the ignitor;
 * listen() and close() start and stop it.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import type compress from 'koa-compress'
import type { Config } from './config/config'
import type { BodyParserConfig } from './http/body_parser'
import type { CookieCodec } from './http/cookie_codec'
import type { DevHosts } from './http/dev_hosts'
import type { PublicFiles } from './http/public_files'
import { ExceptionHandler } from './http/exception_handler'
import { toBytes, UploadBudget } from './http/uploads'
import { requestHandler } from './http/server'
import { flushLogger, type Logger } from './logger'
import type { HttpMiddleware } from './http/middleware/step'
import type { Kernel } from './middleware/kernel'
import { compileUnrouted, type RouteRunner } from './http/routes'
import type { Router } from './routing/router'
import type { SessionManager } from './session/session_manager'
import type { ShieldConfig } from './shield/shield_config'
import type { CorsConfig } from './cors/cors_config'
import type { ViewRenderer } from './view/view_renderer'

export interface ApplicationParts {
  root: string
  production: boolean
  config: Config
  logger: Logger
  kernel: Kernel<HttpMiddleware>
  router: Router<RouteRunner>
  views: ViewRenderer
  sessions: SessionManager
  cookies: CookieCodec
  bodyParser: BodyParserConfig
  publicFiles: PublicFiles | null
  trustProxy: boolean
  /** How long a client may take to send a request, headers first (http.requestTimeout and headersTimeout). */
  timeouts: { requestMs: number, headersMs: number }
  shield: ShieldConfig
  /** gzip/brotli of text answers of at least threshold bytes (http.compression), or null for none. */
  compression: { threshold: number } | null
  /** In development, the Host names requests may carry (null in production: any). */
  devHosts: DevHosts | null
  /** config/cors, when the kernel lists 'Adonis/Middleware/Cors' and origin is not false; else null. */
  cors?: CorsConfig | null
  /** Whether a POST's _method is taken as its verb (http.allowMethodSpoofing; true when absent). */
  allowMethodSpoofing?: boolean
  /** One log line per request (config/app.ts logger.requestLog). */
  requestLog: boolean
}

export class Application {
  readonly root: string
  readonly production: boolean
  readonly config: Config
  readonly logger: Logger
  readonly kernel: Kernel<HttpMiddleware>
  /** Whether a global middleware reads bodies, so that a form's _method can be looked for in its body. */
  readonly readsBodies: boolean
  readonly router: Router<RouteRunner>
  readonly views: ViewRenderer
  readonly sessions: SessionManager
  readonly cookies: CookieCodec
  readonly bodyParser: BodyParserConfig
  /** The files of public/, or null when the app has no such folder. */
  readonly publicFiles: PublicFiles | null
  readonly shield: ShieldConfig
  readonly devHosts: DevHosts | null
  readonly cors: CorsConfig | null
  readonly allowMethodSpoofing: boolean
  /** What runs on a request no route matched: the global middleware, then the 404. */
  readonly unrouted: RouteRunner
  readonly #timeouts: ApplicationParts['timeouts']
  /** The bytes of uploads all requests together may hold in temp files (bodyParser.uploadsLimit). */
  readonly uploads: UploadBudget
  readonly exceptionHandler = new ExceptionHandler()
  readonly koa: Koa
  readonly #servers = new Set<http.Server>()
  readonly requestLog: boolean

  constructor (parts: ApplicationParts) {
    this.root = parts.root
    this.production = parts.production
    this.config = parts.config
    this.logger = parts.logger
    this.kernel = parts.kernel
    this.readsBodies = parts.kernel.global.some((entry) => entry.middleware.readsBodies)
    this.router = parts.router
    this.views = parts.views
    this.sessions = parts.sessions
    this.cookies = parts.cookies
    this.bodyParser = parts.bodyParser
    this.publicFiles = parts.publicFiles
    this.shield = parts.shield
    this.devHosts = parts.devHosts
    this.cors = parts.cors ?? null
    this.allowMethodSpoofing = parts.allowMethodSpoofing ?? true
    this.unrouted = compileUnrouted(parts.kernel)
    this.#timeouts = parts.timeouts
    this.requestLog = parts.requestLog
    this.uploads = new UploadBudget(toBytes(parts.bodyParser.uploadsLimit))
    this.koa = new Koa({ proxy: parts.trustProxy })
    // Already-compressed types (images, archives) are left alone: koa-compress asks `compressible`.
    if (parts.compression !== null) this.koa.use((require('koa-compress') as typeof compress)({ threshold: parts.compression.threshold }))
    this.koa.use(requestHandler(this))
    this.koa.on('error', (error: NodeJS.ErrnoException) => {
      // Errors of requests are answered by the exception handler; these happen while sending.
      // A client that goes away mid-request (HPE_INVALID_EOF_STATE: mid-body) is not the server's failure.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'HPE_INVALID_EOF_STATE') return
      this.logger.error({ err: error }, 'while sending a response')
    })
  }

  /** A (req, res) listener for node:http. */
  callback (): http.RequestListener {
    return this.koa.callback()
  }

  /** Starts serving; resolves once the port is open. */
  listen (port: number, host = '127.0.0.1'): Promise<http.Server> {
    // Node waits five minutes for a slow request by default: long enough to hold many sockets
    // and buffers open for little more than a trickle of bytes each. It checks every so often.
    const { requestMs, headersMs } = this.#timeouts
    const server = http.createServer({ requestTimeout: requestMs, headersTimeout: headersMs, connectionsCheckingInterval: Math.max(50, Math.floor(headersMs / 4)) }, this.callback())
    this.#servers.add(server)
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve(server)
      })
    })
  }

  /** Stops every server this app started, and releases session store connections and timers. */
  async close (): Promise<void> {
    await Promise.all([...this.#servers].map((server) => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeIdleConnections()
    })))
    this.#servers.clear()
    await this.sessions.close()
    await flushLogger(this.logger)
  }
}

/** The URL a server listens on, for messages and tests. */
export function serverUrl (server: http.Server): string {
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}
