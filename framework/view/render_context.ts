/**
 * The values every view sees besides the data a handler passes: old(), flashMessages, form,
 * csrfField(), csrfToken() and request. Built per render from the request, never set on the
 * shared Nunjucks environment, so two concurrent requests never see each other's. Handler
 * data wins on a clash.
 */
import nunjucks from 'nunjucks'
import type { FlashMessages } from '../flash/flash_messages'
import type { HttpContext } from '../http/context'
import type { Csrf } from '../shield/csrf'
import type { Request } from '../http/request'
import { Form } from './form'
import { renderAttributes } from './form_html'

const NO_FLASH: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>

/** The names every render sets for its own request; an app-wide global of the same name would be hidden. */
export const PER_RENDER_NAMES: ReadonlySet<string> = new Set(['request', 'old', 'flashMessages', 'csrfToken', 'csrfField', 'form'])

export function renderContext (http: HttpContext, data: Record<string, unknown>): Record<string, unknown> {
  const { flash, csrf } = http
  const old = oldReader(flash)
  const csrfToken = tokenReader(csrf)
  const helpers: Record<string, unknown> = {
    request: new ViewRequest(http.request),
    old,
    flashMessages: flash === null ? NO_FLASH : flash.current,
    csrfToken: tokenText(csrfToken),
    csrfField: tokenField(csrfToken),
    form: new Form({ router: http.app.router, old, csrfToken }),
  }
  return Object.assign(helpers, data)
}

// The helpers are made by these factories rather than written inline: a function written
// inline where a name is inferred for it is given that name at run time, on every render.

function oldReader (flash: FlashMessages | null): (key: string, defaultValue?: unknown) => unknown {
  return (key, defaultValue = null) => flash === null ? defaultValue : flash.old(key, defaultValue)
}

function tokenReader (csrf: Csrf | null): () => string | null {
  return () => csrf === null ? null : csrf.token()
}

function tokenText (token: () => string | null): () => string {
  return () => token() ?? ''
}

function tokenField (token: () => string | null): () => nunjucks.runtime.SafeString {
  return () => {
    const value = token()
    return new nunjucks.runtime.SafeString(value === null ? '' : `<input${renderAttributes({ type: 'hidden', name: '_csrf', value })}>`)
  }
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
