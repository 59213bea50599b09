/**
 * The values every view sees besides the data a handler passes: built per render from the
 * request, so two concurrent requests never see each other's. Handler data wins on a clash.
 */
import type { HttpContext } from '../http/context'
import type { Request } from '../http/request'

export async function renderContext (http: HttpContext, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const helpers: Record<string, unknown> = { request: new ViewRequest(http.request) }
  return Object.assign(helpers, data)
}

/** `request` in views: the read-only part of the request object. */
export class ViewRequest {
  readonly #request: Request

  constructor (request: Request) {
    this.#request = request
  }

  url () { return this.#request.url() }
  originalUrl () { return this.#request.originalUrl() }
  method () { return this.#request.method() }
  input (key: string, defaultValue?: unknown) { return this.#request.input(key, defaultValue) }
  all () { return this.#request.all() }
  get () { return this.#request.get() }
  param (key: string, defaultValue?: unknown) { return this.#request.param(key, defaultValue) }
  params () { return this.#request.params() }
  header (key: string, defaultValue?: unknown) { return this.#request.header(key, defaultValue) }
  is (...types: string[]) { return this.#request.is(...types) }
  accepts (...types: string[]) { return this.#request.accepts(...types) }
  ajax () { return this.#request.ajax() }
  hostname () { return this.#request.hostname() }
  secure () { return this.#request.secure() }
  ip () { return this.#request.ip() }
}
