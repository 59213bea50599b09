/**
 * The values every view sees besides the data a handler passes: old(), flashMessages, form,
 * csrfField, csrfToken, cspMeta, cspNonce (each printed as it is, or called) and request. Built per render from the request, never set on the
 * shared Nunjucks environment, so two concurrent requests never see each other's. Handler
 * data wins on a clash.
 */
import nunjucks from 'nunjucks'
import type { Router } from '../routing/router'
import { cspMetaTags } from '../shield/csp'
import { Form } from './form'
import { renderAttributes } from './form_html'
import { printableMarkup, printableText } from './printable'

/** What was flashed to this request, as views read it. */
export interface FlashedValues {
  readonly current: Record<string, unknown>
  old (key: string, defaultValue?: unknown): unknown
}

/** Where a render gets its CSRF token (the session must be loaded: see HttpContext.prepareRender()). */
export interface TokenSource {
  token (): string
}

/** The request's CSP nonce, and the policy Shield sent with its header names (null: none). */
export interface CspSource {
  readonly nonce: string
  readonly cspSent: { names: string[], policy: string } | null
}

/** What one render is given by the request layer, besides the handler's data. */
export interface RenderSources {
  /** The read-only request helpers, as views see `request`. */
  request: object
  /** null without the Flash middleware. */
  flash: FlashedValues | null
  /** null without Shield. */
  csrf: TokenSource | null
  /** The request's nonce and the policy Shield sent. */
  csp: CspSource
  router: Router
}

const NO_FLASH: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>

/** The names every render sets for its own request; an app-wide global of the same name would be hidden. */
export const PER_RENDER_NAMES: ReadonlySet<string> = new Set(['request', 'old', 'flashMessages', 'csrfToken', 'csrfField', 'form', 'cspMeta', 'cspNonce'])

export function renderContext (sources: RenderSources, data: Record<string, unknown>): Record<string, unknown> {
  const { flash, csrf } = sources
  const old = oldReader(flash)
  const csrfToken = tokenReader(csrf)
  const helpers: Record<string, unknown> = {
    request: sources.request,
    old,
    flashMessages: flash === null ? NO_FLASH : flash.current,
    csrfToken: tokenText(csrfToken),
    csrfField: tokenField(csrfToken),
    cspMeta: metaTags(sources.csp),
    cspNonce: nonceText(sources.csp),
    form: new Form({ router: sources.router, old, csrfToken }),
  }
  return Object.assign(helpers, data)
}

// The helpers are made by these factories rather than written inline: under tsx, esbuild's
// keepNames wraps a function written inline where a name is inferred for it in a call that
// names it at run time, on every render (bench/HISTORY.md, "No closures made per request").

function oldReader (flash: FlashedValues | null): (key: string, defaultValue?: unknown) => unknown {
  return (key, defaultValue = null) => flash === null ? defaultValue : flash.old(key, defaultValue)
}

function tokenReader (csrf: TokenSource | null): () => string | null {
  return () => csrf === null ? null : csrf.token()
}

function tokenText (token: () => string | null): () => string {
  return printableText(() => token() ?? '')
}

function tokenField (token: () => string | null): () => nunjucks.runtime.SafeString {
  return printableMarkup(() => {
    const value = token()
    return value === null ? '' : `<input${renderAttributes({ type: 'hidden', name: '_csrf', value })}>`
  })
}

function metaTags (csp: CspSource): () => nunjucks.runtime.SafeString {
  return printableMarkup(() => csp.cspSent === null ? '' : cspMetaTags(csp.cspSent.names, csp.cspSent.policy))
}

function nonceText (csp: CspSource): () => string {
  return printableText(() => csp.nonce)
}
