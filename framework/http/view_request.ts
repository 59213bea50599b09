/** `request` in views: the read-only part of the request object. */
import type { Request } from './request'

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
  nonce () { return this.#request.nonce() }
}
