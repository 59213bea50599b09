/**
 * The request object handlers receive: input, params, headers, cookies and the session, with
 * the AdonisJs 3 method names.
 */
import querystring from 'node:querystring'
import type QS from 'qs'
import { E_FLASH_NOT_ENABLED } from '../errors'
import { type FlashMessages, INTERNAL_FIELDS, withoutInternalFields } from '../flash/flash_messages'
import type { Session } from '../session/session'
import { type FileTree, fileTree } from './form_keys'
import { isType, RequestNegotiation } from './request_negotiation'
import type { FileOptions, UploadedFile, UploadedFiles } from './uploaded_file'
import { flattenKeys, getPath, isPlainObject, isSafeKey, omitPaths, pickPaths } from '../support/object_path'
import type { HttpContext } from './context'
import { requestId } from './request_id'

type Data = Record<string, unknown>

export class Request extends RequestNegotiation {
  readonly #ctx: HttpContext
  #query: Data | null = null
  #all: Data | null = null
  #allBody: unknown = null
  #files: ReturnType<typeof fileTree> | null = null
  #filesFrom: unknown = null

  constructor (ctx: HttpContext) {
    super(ctx.koa)
    this.#ctx = ctx
  }

  /** The session: every method returns a promise, so `yield` and `await` both work. */
  get session (): Session {
    return this.#ctx.session
  }

  /** The underlying Koa context, for what these methods do not cover. */
  get koa () {
    return this.#ctx.koa
  }

  /** A value from the query or the body (the body wins), by dotted key. */
  input (key: string, defaultValue: unknown = null): unknown {
    const value = getPath(this.all(), key)
    return value === undefined ? defaultValue : value
  }

  /** The query merged with the body. */
  all (): Data {
    const body = this.#ctx.body
    if (this.#all === null || this.#allBody !== body) {
      this.#all = isPlainObject(body) ? { ...this.get(), ...body } : { ...this.get() }
      this.#allBody = body
    }
    return this.#all
  }

  /** Only these keys of all(): only('email', 'password') or only(['email', 'password']). */
  only (...keys: Array<string | string[]>): Data {
    return pickPaths(this.all(), flattenKeys(keys))
  }

  /** all() without these keys. */
  except (...keys: Array<string | string[]>): Data {
    return omitPaths(this.all(), flattenKeys(keys))
  }

  /** The query string, parsed (nested keys such as a[b]=1 included). */
  get (): Data {
    this.#query ??= parseQuery(this.#ctx.koa.querystring)
    return this.#query
  }

  /** The parsed body. */
  post (): Data {
    const body = this.#ctx.body
    return isPlainObject(body) ? body : {}
  }

  /**
   * The file uploaded in this field, or the files (a list, in upload order) of a field such as
   * photos[] or one sent several times; null when none. 'user.avatar' or 'user[avatar]' reach a
   * nested field. options are the checks file.move() applies: { maxSize: '2mb', allowedExtensions: ['jpg'] }.
   */
  file (name: string, options?: FileOptions): UploadedFile | UploadedFiles | null {
    const { tree } = this.#fileTree()
    // A field named with a dot ('a.b') is found under its own name first: only brackets nest.
    const found = Object.hasOwn(tree, name) ? tree[name] : getPath(tree, name.replace(/\[\]$/, '').replace(/\[([^[\]]*)\]/g, '.$1'))
    // Not instanceof: the multipart parser is required on first use, which a test harness may do from another module registry.
    if (Array.isArray(found)) {
      if (options) for (const file of found) file.limit(options)
      return found as UploadedFiles
    }
    return isPlainObject(found) || found === undefined ? null : (found as UploadedFile).limit(options ?? {})
  }

  /** Every field's file (or list of files), in the order the fields came, as v3 gave them. */
  files (): Array<UploadedFile | UploadedFiles | FileTree> {
    const { tree, order } = this.#fileTree()
    return order.map((name) => tree[name]!)
  }

  param (key: string, defaultValue: unknown = null): unknown {
    return Object.hasOwn(this.#ctx.params, key) ? this.#ctx.params[key] : defaultValue
  }

  params (): Record<string, string> {
    return { ...this.#ctx.params }
  }

  header (key: string, defaultValue: unknown = null): unknown {
    const value = this.#ctx.koa.headers[key.toLowerCase()]
    return value === undefined ? defaultValue : value
  }

  headers (): Record<string, string | string[] | undefined> {
    return { ...this.#ctx.koa.headers }
  }

  /** A cookie set with response.cookie(): decrypted and authenticated, else the default. */
  cookie (key: string, defaultValue: unknown = null): unknown {
    const value = this.#ctx.app.cookies.read(this.#ctx.cookies.get(key), key)
    return value === undefined ? defaultValue : value
  }

  /** Every cookie set with response.cookie() that decrypts; others are left out. */
  cookies (): Data {
    const all: Data = {}
    for (const [name, raw] of Object.entries(this.#ctx.cookies.all())) {
      const value = this.#ctx.app.cookies.read(raw, name)
      if (value !== undefined) all[name] = value
    }
    return all
  }

  /** A cookie as the browser sent it, neither decrypted nor checked. */
  plainCookie (key: string, defaultValue: unknown = null): unknown {
    return this.#ctx.cookies.get(key) ?? defaultValue
  }

  plainCookies (): Record<string, string> {
    return this.#ctx.cookies.all()
  }

  /** The verb, after _method spoofing. */
  method (): string {
    return this.#ctx.koa.method
  }

  /** The path, without the query string. */
  url (): string {
    return this.#ctx.koa.path
  }

  /** The path with the query string. */
  originalUrl (): string {
    return this.#ctx.koa.originalUrl
  }

  /** Whether the Content-Type is one of these types: is('json'), is('html', 'urlencoded'); with or without a body, as in v3. */
  is (...types: Array<string | string[]>): boolean {
    return isType(this.#ctx.koa, flattenKeys(types))
  }

  /** The best of these types for the Accept header, or false. */
  accepts (...types: Array<string | string[]>): string | false {
    return this.#ctx.koa.accepts(flattenKeys(types)) as string | false
  }

  ajax (): boolean {
    return this.#ctx.koa.get('x-requested-with').toLowerCase() === 'xmlhttprequest'
  }

  ip (): string {
    return this.#ctx.koa.ip
  }

  hostname (): string {
    return this.#ctx.koa.hostname
  }

  secure (): boolean {
    return this.#ctx.koa.secure
  }

  // Flash messages (need 'Adonis/Middleware/Flash' in the kernel).

  /** A value the previous request flashed, by dotted key. */
  old (key: string, defaultValue: unknown = null): unknown {
    return this.#flash('old').old(key, defaultValue)
  }

  /** Flash everything from all(), but _csrf and _method. */
  withAll (): this {
    this.#flash('withAll').set(withoutInternalFields(this.all()))
    return this
  }

  /** Flash only these keys of the input. */
  withOnly (...keys: Array<string | string[]>): this {
    this.#flash('withOnly').set(this.only(...keys))
    return this
  }

  /** Flash all the input but these keys (and _csrf and _method). */
  withOut (...keys: Array<string | string[]>): this {
    this.#flash('withOut').set(this.except(...flattenKeys(keys), ...INTERNAL_FIELDS))
    return this
  }

  /** Alias of withOut(). */
  without (...keys: Array<string | string[]>): this {
    return this.withOut(...keys)
  }

  /** Flash these values. */
  with (values: Record<string, unknown>): this {
    this.#flash('with').set(values)
    return this
  }

  /** Add these values to what will be flashed (deep-merged). */
  andWith (values: Record<string, unknown>): this {
    this.#flash('andWith').merge(values)
    return this
  }

  /** Saves what withAll()/withOnly()/with()... chose, for the next request only. */
  flash (): Promise<void> {
    return this.#flash('flash').flash(this.#ctx.session)
  }

  /** Keeps what the previous request flashed for one more request (redirect chains). */
  reflash (): Promise<void> {
    return this.#flash('reflash').reflash(this.#ctx.session)
  }

  /** A CSRF token for this session (Shield), for forms and for x-csrf-token headers; null without Shield. */
  async csrfToken (): Promise<string | null> {
    if (this.#ctx.csrf === null) return null
    await this.#ctx.prepareRender()
    return this.#ctx.csrf.token()
  }

  /** This request's Content-Security-Policy nonce, for `<script nonce="...">` ('@nonce' in config/shield's directives). */
  nonce (): string {
    return this.#ctx.nonce
  }

  /** A text/plain body as it came, or null (v3 kept it in request._raw). */
  raw (): string | null { return this.#ctx.raw }
  /** request.raw(), under the name v3 apps read. */
  get _raw (): string | null { return this.#ctx.raw }

  #fileTree (): ReturnType<typeof fileTree> {
    if (this.#files === null || this.#filesFrom !== this.#ctx.files) {
      this.#files = fileTree(this.#ctx.files)
      this.#filesFrom = this.#ctx.files
    }
    return this.#files
  }

  #flash (method: string): FlashMessages {
    if (this.#ctx.flash === null) throw E_FLASH_NOT_ENABLED(method)
    return this.#ctx.flash
  }

  /** The extension a route with .formats() was requested with ('json' for /users.json), or null. */
  format (): string | null {
    const format = this.#ctx.params.format
    return typeof format === 'string' ? format.replace(/^\./, '') : null
  }

  #id: string | undefined

  /** This request's id, in its log lines and sent back as X-Request-Id: the X-Request-Id it came with when that is safe, else a new one. */
  id (): string {
    return (this.#id ??= requestId(this.#ctx.koa.get('x-request-id')))
  }
}

/** Required on the first nested query string: most never have one, and a cold start need not load it (bench/startup.ts). */
let qs: typeof QS | undefined

/** The query string as data: qs for nested keys (a[b]=1), the faster node:querystring for flat ones. */
function parseQuery (search: string): Data {
  if (search === '') return {}
  if (search.includes('[') || search.includes('%5B') || search.includes('%5b')) {
    qs ??= require('qs') as typeof QS
    return qs.parse(search, { depth: 5, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false })
  }
  const parsed = querystring.parse(search, '&', '=', { maxKeys: 1000 })
  const data: Data = {}
  // The keys qs drops too: none may reach a prototype or shadow a member of Object.prototype.
  for (const key of Object.keys(parsed)) if (isSafeKey(key) && !Object.hasOwn(Object.prototype, key)) data[key] = parsed[key]
  return data
}
