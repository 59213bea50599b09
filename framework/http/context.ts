/**
 * Everything one request carries: Koa's context (`koa`), the request and response objects the
 * handlers see, route params, the parsed body, cookies, and the session (created on first use).
 * Features (sessions, flash, CSRF, views) know nothing of it: the request layer hands each of
 * them what it needs.
 */
import type Koa from 'koa'
import type { Application } from '../application'
import { randomBytes } from '../crypto/random'
import type { FlashMessages } from '../flash/flash_messages'
import type { CompiledRoute } from '../routing/router'
import type { Csrf } from '../shield/csrf'
import type { Session } from '../session/session'
import type { CookieCarrier } from '../session/types'
import { hasBody, parseBody } from './body_parser'
import { CookieJar } from './cookies'
import type { MultipartReader, UploadedFile } from './multipart'
import { Request } from './request'
import { Response } from './response'
import type { RouteRunner } from './routes'

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>
const NO_VERBS: readonly string[] = Object.freeze([])
const NO_FILES: readonly UploadedFile[] = Object.freeze([])

export class HttpContext {
  readonly request: Request
  readonly response: Response
  readonly cookies: CookieJar
  params: Record<string, string> = EMPTY as Record<string, string>
  route: CompiledRoute<RouteRunner> | null = null
  /** On a request no route matched, the verbs its path allows (none: a 404). */
  allowed: readonly string[] = NO_VERBS
  /** The parsed body; empty until BodyParser has run. */
  body: unknown = EMPTY
  /** A text/plain body as it came (request.raw()), or null. */
  raw: string | null = null
  /** Files of a multipart body, in the order they were sent. */
  files: readonly UploadedFile[] = NO_FILES
  /** Flash messages, when the Flash middleware runs. */
  flash: FlashMessages | null = null
  /** CSRF tokens, when the Shield middleware runs. */
  csrf: Csrf | null = null
  /** The Content-Security-Policy Shield sent, and under which header names: for cspMeta in views. */
  cspSent: { names: string[], policy: string } | null = null
  #nonce: string | null = null
  #parsing: Promise<void> | null = null
  #multipart: MultipartReader | null = null
  #session: Session | null = null
  #sessionCookies: CookieCarrier | null = null

  constructor (readonly app: Application, readonly koa: Koa.Context) {
    this.cookies = new CookieJar(koa.headers.cookie)
    this.request = new Request(this)
    this.response = new Response(this)
  }

  /**
   * Parses the body once, however many times it is asked for. Of a multipart body, only the
   * fields before its files: they are received by receiveUploads(), once the handler is next.
   */
  parseBody (): Promise<void> {
    this.#parsing ??= hasBody(this.koa) && this.koa.is('multipart')
      ? this.#readMultipartFields()
      : parseBody(this.koa, this.app.bodyParser).then((parsed) => {
        if (parsed?.fields !== undefined) this.body = parsed.fields
        if (parsed?.raw !== undefined) this.raw = parsed.raw
      })
    return this.#parsing
  }

  async #readMultipartFields (): Promise<void> {
    // Required on the first multipart body (busboy, qs): a cold start need not load them (bench/startup.ts).
    const { MultipartReader } = require('./multipart') as typeof import('./multipart')
    const reader = new MultipartReader(this.koa.req, this.app.bodyParser, this.app.uploads)
    this.#multipart = reader
    // Files the handler did not move are removed once the response is out, and their bytes given back.
    this.koa.res.once('close', () => { reader.release() })
    this.body = await reader.fields()
  }

  /** Writes the files of a multipart body to the temp folder: called once the request has reached its handler. */
  async receiveUploads (): Promise<void> {
    if (this.#multipart === null || !this.#multipart.pending) return
    const { fields, files } = await this.#multipart.receive()
    this.body = fields
    this.files = files
  }

  /** Whether a multipart body's files were neither received nor dropped yet. */
  get hasPendingUploads (): boolean {
    return this.#multipart !== null && this.#multipart.pending
  }

  /** Once the answer is decided: files the handler did not receive are read into nothing. */
  dropUploads (): void {
    this.#multipart?.abandon()
  }

  /** This request's CSP nonce (request.nonce(), cspNonce in views), made on first use: 128 random bits. */
  get nonce (): string {
    this.#nonce ??= randomBytes(16).toString('base64url')
    return this.#nonce
  }

  /** The session, created on first use; it reads its store only when a value is asked for. */
  get session (): Session {
    this.#session ??= this.app.sessions.create(this.sessionCookies)
    return this.#session
  }

  /** Whether anything has used the session during this request. */
  get hasSession (): boolean {
    return this.#session !== null
  }

  /** Whether the browser sent a session cookie (without one there is no session to read). */
  get hasSessionCookie (): boolean {
    return this.cookies.get(this.app.sessions.config.cookie) !== undefined
  }

  /** The request's cookies, set with the session cookie's attributes: for the session and the cookies that go with it. */
  get sessionCookies (): CookieCarrier {
    this.#sessionCookies ??= this.app.sessions.carrier(this.cookies, this.koa.secure)
    return this.#sessionCookies
  }

  /**
   * Loads the session when a render will need it: views render synchronously, and the CSRF
   * token in a form lives in the session. Resolves at once when there is nothing to read.
   */
  prepareRender (): Promise<void> | null {
    if (this.csrf === null || this.session.isLoaded) return null
    return this.session.load()
  }
}
