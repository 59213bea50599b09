/**
 * The response object handlers receive, with the AdonisJs 3 method names. Methods that only
 * set something return the response, so they chain: response.status(201).json(user).
 */
import fs from 'node:fs'
import path from 'node:path'
import { HttpException } from '../errors'
import { renderContext } from '../view/render_context'
import type { HttpContext } from './context'
import type { CookieOptions } from './cookies'

export class Response {
  readonly #http: HttpContext

  constructor (http: HttpContext) {
    this.#http = http
  }

  /** Sends a body: a string (HTML), an object or array (JSON), a Buffer or a stream. */
  send (body?: unknown): this {
    this.#http.ctx.body = body ?? ''
    return this
  }

  /** Sends JSON, whatever the value (a string is sent as a JSON string). */
  json (body: unknown): this {
    this.#http.ctx.type = 'application/json'
    this.#http.ctx.body = JSON.stringify(body ?? null)
    return this
  }

  status (code: number): this {
    this.#http.ctx.status = code
    return this
  }

  header (key: string, value: string | number | string[]): this {
    this.#http.ctx.set(key, Array.isArray(value) ? value : String(value))
    return this
  }

  removeHeader (key: string): this {
    this.#http.ctx.remove(key)
    return this
  }

  /** Redirects to a URL, or with 'back' to the Referer when it is on this site (else to /). */
  redirect (url: string, status = 302): this {
    const target = url === 'back' ? this.#back() : url
    const { ctx } = this.#http
    if (PLAIN_URL.test(target)) {
      // What ctx.redirect() does, without its content negotiation and encoding for a URL that needs none.
      ctx.set('Location', target)
      ctx.status = status
      ctx.set('Content-Type', 'text/plain; charset=utf-8')
      ctx.body = `Redirecting to ${target}.`
      return this
    }
    ctx.redirect(target)
    ctx.status = status
    return this
  }

  /** Redirects to a named route (or a 'Controller.method'). */
  route (name: string, params: Record<string, unknown> = {}, status = 302): this {
    return this.redirect(this.#http.app.router.url(name, params), status)
  }

  /** Renders resources/views/<name>.njk ('auth.login' -> auth/login.njk) and sends it as HTML. */
  sendView (name: string, data: Record<string, unknown> = {}): Promise<void> {
    const http = this.#http
    // A CSRF token lives in the session: read it before the (synchronous) render may need it.
    if (http.csrf !== null && !http.session.isLoaded) return this.#renderLater(name, data)
    try {
      this.#render(name, data)
      return RENDERED
    } catch (error) {
      return Promise.reject(error)
    }
  }

  async #renderLater (name: string, data: Record<string, unknown>): Promise<void> {
    await this.#http.session.load()
    this.#render(name, data)
  }

  #render (name: string, data: Record<string, unknown>): void {
    const http = this.#http
    const html = http.app.views.render(name, renderContext(http, data))
    // The header itself, not ctx.type: no MIME lookup on every render.
    http.ctx.set('Content-Type', 'text/html; charset=utf-8')
    http.ctx.body = html
  }

  /** Sets a cookie whose value (any JSON value) is encrypted with the app key. */
  cookie (name: string, value: unknown, options: CookieOptions = {}): this {
    this.#http.cookies.set(name, this.#http.app.cookies.encode(value, name), this.#cookieOptions(options))
    return this
  }

  /** Sets a cookie as is, neither encrypted nor signed. */
  plainCookie (name: string, value: string, options: CookieOptions = {}): this {
    this.#http.cookies.set(name, value, this.#cookieOptions(options))
    return this
  }

  clearCookie (name: string, options: CookieOptions = {}): this {
    this.#http.cookies.clear(name, this.#cookieOptions(options))
    return this
  }

  /** Sends a file, with its type from the extension. */
  download (file: string): this {
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (!stat?.isFile()) throw new HttpException('File not found', 404, 'E_FILE_NOT_FOUND')
    this.#http.ctx.type = path.extname(file)
    this.#http.ctx.length = stat.size
    this.#http.ctx.body = fs.createReadStream(file)
    return this
  }

  /** Sends a file as an attachment, saved by the browser under name. */
  attachment (file: string, name: string = path.basename(file)): this {
    this.download(file)
    this.#http.ctx.attachment(name)
    return this
  }

  ok (body?: unknown): this { return this.status(200).send(body) }
  created (body?: unknown): this { return this.status(201).send(body) }
  noContent (): this { this.#http.ctx.body = null; return this.status(204) }
  badRequest (body?: unknown): this { return this.status(400).send(body) }
  unauthorized (body?: unknown): this { return this.status(401).send(body) }
  forbidden (body?: unknown): this { return this.status(403).send(body) }
  notFound (body?: unknown): this { return this.status(404).send(body) }
  conflict (body?: unknown): this { return this.status(409).send(body) }
  unprocessableEntity (body?: unknown): this { return this.status(422).send(body) }

  /**
   * Redirects to a URL the user gave (a ?next= after sign-in, say) only when it is a page of
   * this site; anything else (another site, //host, javascript:, garbage) goes to fallback.
   */
  safeRedirect (url: unknown, fallback = '/', status = 302): this {
    return this.redirect((typeof url === 'string' && url !== '' ? this.#localPath(url) : null) ?? fallback, status)
  }

  #back (): string {
    const referer = this.#http.ctx.get('referer')
    return (referer ? this.#localPath(referer) : null) ?? '/'
  }

  /** The path, query and fragment of a URL of this site (absolute or a path), or null for any other. */
  #localPath (url: string): string | null {
    const { protocol, host } = this.#http.ctx
    // The usual case, a page of this site in the plain form browsers send, without parsing a URL.
    const origin = `${protocol}://${host}/`
    if (url.startsWith(origin) && SIMPLE_PATH.test(url.slice(origin.length))) return url.slice(origin.length - 1)
    if (url.startsWith('/') && SIMPLE_PATH.test(url.slice(1))) return url
    try {
      // Absolute URLs, and paths: never a relative reference, which no Referer is.
      const target = url.startsWith('/') ? new URL(url, origin) : new URL(url)
      if (target.origin !== `${protocol}://${host}`) return null
      // A path such as //evil.example (or /\evil.example, which URL turns into it) is another site's URL.
      return target.pathname.replace(/^\/+/, '/') + target.search + target.hash
    } catch {
      return null
    }
  }

  #cookieOptions (options: CookieOptions): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.#http.ctx.secure, ...options }
  }
}

/** A path and query of plain characters, with no dot segments: URL parsing would leave it as it is. */
const SIMPLE_PATH = /^(?![/\\])(?!.*(?:^|\/)\.)[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/

/** A URL of plain characters (no quotes, angle brackets or spaces): safe as a header and as text as it is. */
const PLAIN_URL = /^[A-Za-z0-9\-._~!$&()*+,;=:@/?%#]+$/

/** What sendView() gives back once the page is rendered: a settled promise, so `yield` and `await` still work. */
const RENDERED: Promise<void> = Promise.resolve()
