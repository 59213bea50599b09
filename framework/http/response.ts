/**
 * The response object handlers receive, with the AdonisJs 3 method names. Methods that only
 * set something return the response, so they chain: response.status(201).json(user).
 */
import fs from 'node:fs'
import path from 'node:path'
import { HttpException } from '../errors'
import { renderContext } from '../view/render_context'
import { defineMacro } from './macros'
import { installStatusMethods, type StatusMethods } from './response_status'
import { ViewRequest } from './view_request'
import type { HttpContext } from './context'
import type { CookieOptions } from './cookies'

/** The status helpers, made from one table in response_status.ts. */
export interface Response extends StatusMethods<Response> {}

export class Response {
  readonly #ctx: HttpContext

  constructor (ctx: HttpContext) {
    this.#ctx = ctx
  }

  /** Sends a body: a string (HTML), an object or array (JSON), a Buffer or a stream. No body for 204, 205 and 304. */
  send (body?: unknown): this {
    this.#ctx.koa.body = EMPTY_STATUSES.has(this.#ctx.koa.status) ? null : body ?? ''
    return this
  }

  /** Sends JSON, whatever the value (a string is sent as a JSON string). */
  json (body: unknown): this {
    this.#ctx.koa.type = 'application/json'
    this.#ctx.koa.body = JSON.stringify(body ?? null)
    return this
  }

  status (code: number): this {
    this.#ctx.koa.status = code
    return this
  }

  header (key: string, value: string | number | string[]): this {
    this.#ctx.koa.set(key, Array.isArray(value) ? value : String(value))
    return this
  }

  removeHeader (key: string): this {
    this.#ctx.koa.remove(key)
    return this
  }

  /** Redirects to a URL, or with 'back' to the Referer when it is on this site (else to /). */
  redirect (url: string, status = 302): this {
    const target = url === 'back' ? this.#back() : url
    const { koa } = this.#ctx
    if (PLAIN_URL.test(target)) {
      // What ctx.redirect() does, without its content negotiation and encoding for a URL that needs none.
      koa.set('Location', target)
      koa.status = status
      koa.set('Content-Type', 'text/plain; charset=utf-8')
      koa.body = `Redirecting to ${target}.`
      return this
    }
    koa.redirect(target)
    koa.status = status
    return this
  }

  /** Redirects to a named route (or a 'Controller.method'). */
  route (name: string, params: Record<string, unknown> = {}, status = 302): this {
    return this.redirect(this.#ctx.app.router.url(name, params), status)
  }

  /**
   * Renders resources/views/<name>.njk ('auth.login' -> auth/login.njk) and sends it as HTML.
   * A page that waits on nothing (no session to read first, no {% yield %} of a promise) is
   * rendered and sent in this tick; the promise is then already settled.
   */
  sendView (name: string, data: Record<string, unknown> = {}): Promise<void> {
    try {
      const loading = this.#ctx.prepareRender()
      if (loading !== null) return loading.then(() => this.#send(this.#render(name, data)))
      return this.#send(this.#render(name, data))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  #render (name: string, data: Record<string, unknown>): string | Promise<string> {
    const ctx = this.#ctx
    return ctx.app.views.render(name, renderContext({ request: new ViewRequest(ctx.request), flash: ctx.flash, csrf: ctx.csrf, router: ctx.app.router, csp: ctx }, data))
  }

  #send (page: string | Promise<string>): Promise<void> {
    if (typeof page !== 'string') return page.then((html) => { this.#send(html) })
    // The header itself, not koa.type: no MIME lookup on every render.
    this.#ctx.koa.set('Content-Type', 'text/html; charset=utf-8')
    this.#ctx.koa.body = page
    return RENDERED
  }

  /** Sets a cookie whose value (any JSON value) is encrypted with the app key. */
  cookie (name: string, value: unknown, options: CookieOptions = {}): this {
    this.#ctx.cookies.set(name, this.#ctx.app.cookies.encode(value, name), this.#cookieOptions(options))
    return this
  }

  /** Sets a cookie as is, neither encrypted nor signed. */
  plainCookie (name: string, value: string, options: CookieOptions = {}): this {
    this.#ctx.cookies.set(name, value, this.#cookieOptions(options))
    return this
  }

  clearCookie (name: string, options: CookieOptions = {}): this {
    this.#ctx.cookies.clear(name, this.#cookieOptions(options))
    return this
  }

  /** Sends a file, with its type from the extension. */
  download (file: string): this {
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (!stat?.isFile()) throw new HttpException('File not found', 404, 'E_FILE_NOT_FOUND')
    this.#ctx.koa.type = path.extname(file)
    this.#ctx.koa.length = stat.size
    this.#ctx.koa.body = fs.createReadStream(file)
    return this
  }

  /** Sends a file as an attachment, saved by the browser under name. */
  attachment (file: string, name: string = path.basename(file)): this {
    this.download(file)
    this.#ctx.koa.attachment(name)
    return this
  }

  /**
   * Redirects to a URL the user gave (a ?next= after sign-in, say) only when it is a page of
   * this site; anything else (another site, //host, javascript:, garbage) goes to fallback.
   */
  safeRedirect (url: unknown, fallback = '/', status = 302): this {
    return this.redirect((typeof url === 'string' && url !== '' ? this.#localPath(url) : null) ?? fallback, status)
  }

  #back (): string {
    const referer = this.#ctx.koa.get('referer')
    return (referer ? this.#localPath(referer) : null) ?? '/'
  }

  /** The path, query and fragment of a URL of this site (absolute or a path), or null for any other. */
  #localPath (url: string): string | null {
    const { protocol, host } = this.#ctx.koa
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

  /**
   * Sends JSON wrapped in a call to callback (by default the `callback` input, then
   * app.http.jsonpCallback, then 'callback'). As Express does, the name keeps only
   * [A-Za-z0-9_$.[\]], and the answer starts with a comment: a page cannot make it run as Flash.
   */
  jsonp (body: unknown, callback?: string): this {
    const given = callback ?? this.#ctx.request.input('callback') ?? this.#ctx.app.config.get('app.http.jsonpCallback', 'callback')
    const name = typeof given === 'string' ? given.replace(/[^[\]\w$.]/g, '') : ''
    if (name === '') return this.json(body)
    // U+2028 and U+2029 end a line in older JavaScript, not in JSON.
    const json = JSON.stringify(body ?? null).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
    const { koa } = this.#ctx
    koa.set('Content-Type', 'text/javascript; charset=utf-8')
    koa.set('X-Content-Type-Options', 'nosniff')
    koa.body = `/**/ typeof ${name} === 'function' && ${name}(${json});`
    return this
  }

  /** Sets the Location header ('back': the Referer, when it is a page of this site). */
  location (url: string): this {
    const target = url === 'back' ? this.#back() : url
    this.#ctx.koa.set('Location', PLAIN_URL.test(target) ? target : encodeURI(target))
    return this
  }

  /** Adds a field to the Vary header (once). */
  vary (field: string): this {
    this.#ctx.koa.vary(field)
    return this
  }

  /** Renders a view to a string, to send later or use elsewhere: `const html = yield response.view('home', data)`. */
  view (name: string, data: Record<string, unknown> = {}): Promise<string> {
    try {
      const loading = this.#ctx.prepareRender()
      if (loading !== null) return loading.then(() => this.#render(name, data))
      return Promise.resolve(this.#render(name, data))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** Whether the response has gone out entirely. */
  get finished (): boolean { return this.#ctx.koa.res.writableEnded }
  /** Whether the status and headers have gone out. */
  get headersSent (): boolean { return this.#ctx.koa.headerSent }
  /** Whether nothing has gone out yet, so that the status, headers and body may still change. */
  get isPending (): boolean { return !this.headersSent && !this.finished }

  /**
   * Adds a method to every response: Response.macro('sendCsv', function (rows) { ... }).
   * A built-in method (status helpers included) cannot be replaced.
   */
  static macro (name: string, method: (...args: any[]) => unknown): void {
    defineMacro(this, 'Response', name, method)
  }

  #cookieOptions (options: CookieOptions): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.#ctx.koa.secure, ...options }
  }
}

installStatusMethods(Response.prototype)

/** The statuses whose answers carry no body. */
const EMPTY_STATUSES = new Set([204, 205, 304])

/** A path and query of plain characters, with no dot segments: URL parsing would leave it as it is. */
const SIMPLE_PATH = /^(?![/\\])(?!.*(?:^|\/)\.)[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/

/** A URL of plain characters (no quotes, angle brackets or spaces): safe as a header and as text as it is. */
const PLAIN_URL = /^[A-Za-z0-9\-._~!$&()*+,;=:@/?%#]+$/

/** What sendView() gives back once the page is rendered: a settled promise, so `yield` and `await` still work. */
const RENDERED: Promise<void> = Promise.resolve()
