/**
 * A booted app: its config, router, views and sessions, served by Koa. Built by the ignitor;
 * listen() and close() start and stop it.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import type { Config } from './config/config'
import type { BodyParserConfig } from './http/body_parser'
import type { CookieCodec } from './http/cookie_codec'
import { ExceptionHandler } from './http/exception_handler'
import { requestHandler } from './http/server'
import type { Logger } from './logger'
import type { Kernel } from './middleware/kernel'
import type { RouteRunner } from './routing/compile_routes'
import type { Router } from './routing/router'
import type { SessionManager } from './session/session_manager'
import type { ShieldConfig } from './shield/shield_config'
import type { ViewRenderer } from './view/view_renderer'

export interface ApplicationParts {
  root: string
  production: boolean
  config: Config
  logger: Logger
  kernel: Kernel
  router: Router<RouteRunner>
  views: ViewRenderer
  sessions: SessionManager
  cookies: CookieCodec
  bodyParser: BodyParserConfig
  publicDir: string | null
  trustProxy: boolean
  shield: ShieldConfig
}

export class Application {
  readonly root: string
  readonly production: boolean
  readonly config: Config
  readonly logger: Logger
  readonly kernel: Kernel
  readonly router: Router<RouteRunner>
  readonly views: ViewRenderer
  readonly sessions: SessionManager
  readonly cookies: CookieCodec
  readonly bodyParser: BodyParserConfig
  readonly publicDir: string | null
  readonly shield: ShieldConfig
  readonly exceptionHandler = new ExceptionHandler()
  readonly koa: Koa
  readonly #servers = new Set<http.Server>()

  constructor (parts: ApplicationParts) {
    this.root = parts.root
    this.production = parts.production
    this.config = parts.config
    this.logger = parts.logger
    this.kernel = parts.kernel
    this.router = parts.router
    this.views = parts.views
    this.sessions = parts.sessions
    this.cookies = parts.cookies
    this.bodyParser = parts.bodyParser
    this.publicDir = parts.publicDir
    this.shield = parts.shield
    this.koa = new Koa({ proxy: parts.trustProxy })
    this.koa.use(requestHandler(this))
    this.koa.on('error', (error: NodeJS.ErrnoException) => {
      // Errors of requests are answered by the exception handler; these happen while sending.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || error.code === 'ERR_STREAM_PREMATURE_CLOSE') return
      this.logger.error(`while sending a response: ${error.stack ?? error}`)
    })
  }

  /** A (req, res) listener for node:http. */
  callback (): http.RequestListener {
    return this.koa.callback()
  }

  /** Starts serving; resolves once the port is open. */
  listen (port: number, host = '127.0.0.1'): Promise<http.Server> {
    const server = http.createServer(this.callback())
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
  }
}

/** The URL a server listens on, for messages and tests. */
export function serverUrl (server: http.Server): string {
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}
