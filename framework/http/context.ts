/**
 * Everything one request carries: the Koa context, the request and response objects the
 * handlers see, route params, the parsed body, cookies, and the session (created on first use).
 */
import type Koa from 'koa'
import type { Application } from '../application'
import type { FlashMessages } from '../flash/flash_messages'
import type { RouteRunner } from '../routing/compile_routes'
import type { CompiledRoute } from '../routing/router'
import type { Csrf } from '../shield/csrf'
import type { Session } from '../session/session'
import { hasBody, parseBody } from './body_parser'
import { parseMultipart, removeUploads, type UploadedFile } from './multipart'
import { CookieJar } from './cookies'
import { Request } from './request'
import { Response } from './response'

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>

export class HttpContext {
  readonly request: Request
  readonly response: Response
  readonly cookies: CookieJar
  params: Record<string, string> = EMPTY as Record<string, string>
  route: CompiledRoute<RouteRunner> | null = null
  /** The parsed body; empty until BodyParser has run. */
  body: unknown = EMPTY
  /** Files of a multipart body, by field name. */
  files: Record<string, UploadedFile[]> = EMPTY as Record<string, UploadedFile[]>
  /** Flash messages, when the Flash middleware runs. */
  flash: FlashMessages | null = null
  /** CSRF tokens, when the Shield middleware runs. */
  csrf: Csrf | null = null
  #parsing: Promise<void> | null = null
  #session: Session | null = null

  constructor (readonly app: Application, readonly ctx: Koa.Context) {
    this.cookies = new CookieJar(ctx.headers.cookie)
    this.request = new Request(this)
    this.response = new Response(this)
  }

  /** Parses the body once, however many times it is asked for. */
  parseBody (): Promise<void> {
    this.#parsing ??= hasBody(this.ctx) && this.ctx.is('multipart')
      ? this.#parseMultipart()
      : parseBody(this.ctx, this.app.bodyParser).then((body) => {
        if (body !== undefined) this.body = body
      })
    return this.#parsing
  }

  async #parseMultipart (): Promise<void> {
    const { fields, files } = await parseMultipart(this.ctx, this.app.bodyParser)
    this.body = fields
    this.files = files
    // Uploads the handler did not move are removed once the response is out.
    this.ctx.res.once('close', () => { void removeUploads(files) })
  }

  /** The session, created on first use; it reads its store only when a value is asked for. */
  get session (): Session {
    this.#session ??= this.app.sessions.create(this)
    return this.#session
  }

  /** Whether anything has used the session during this request. */
  get hasSession (): boolean {
    return this.#session !== null
  }
}
