/**
 * Content-Security-Policy from config/shield's `csp`, as AdonisJs 3 wrote it: directives by
 * camelCase name (`defaultSrc: ['self', '@nonce']`), keywords written bare and quoted here,
 * '@nonce' replaced by this request's nonce. Compiled once at boot: a request only joins the
 * policy's parts around its nonce.
 */
import { E_INVALID_CONFIG } from '../errors'
import { escapeHtml } from '../view/escape'
import { flag, section } from './config_checks'

export interface CompiledCsp {
  /** The policy split where '@nonce' stood. */
  parts: string[]
  /** Header names to send (with -Report-Only under reportOnly). */
  headers: string[]
  /** Leave the policy out for Android's old stock browser, whose CSP support was broken. */
  disableAndroid: boolean
}

const CSP_KEYS = ['directives', 'reportOnly', 'setAllHeaders', 'disableAndroid']

/** v3's directives, and those browsers have added since. */
const DIRECTIVES = new Set([
  'base-uri', 'child-src', 'connect-src', 'default-src', 'font-src', 'form-action', 'frame-ancestors',
  'frame-src', 'img-src', 'media-src', 'object-src', 'plugin-types', 'report-uri', 'style-src',
  'script-src', 'upgrade-insecure-requests', 'block-all-mixed-content', 'manifest-src', 'worker-src',
  'prefetch-src', 'report-to', 'sandbox', 'script-src-elem', 'script-src-attr', 'style-src-elem',
  'style-src-attr', 'require-trusted-types-for', 'trusted-types',
])

/** Written bare in config, quoted in the policy. Only whole words: a host such as selfie.example stays as it is. */
const KEYWORDS = new Set(['none', 'self', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', 'unsafe-hashes', 'report-sample', 'wasm-unsafe-eval'])

const NONCE = '@nonce'

export function compileCsp (given: unknown, file: string): CompiledCsp | null {
  const raw = section(given, file, 'csp', CSP_KEYS)
  const directives = section(raw.directives ?? {}, file, 'csp.directives', Object.keys(raw.directives ?? {}))
  const policy = Object.entries(directives)
    .filter(([, values]) => values !== false)
    .map(([name, values]) => directive(name, values, file))
    .join('; ')
  const reportOnly = flag(raw.reportOnly, false, file, 'csp.reportOnly')
  const names = flag(raw.setAllHeaders, false, file, 'csp.setAllHeaders')
    ? ['Content-Security-Policy', 'X-Content-Security-Policy', 'X-WebKit-CSP']
    : ['Content-Security-Policy']
  // As v3: no directives, no header.
  if (policy === '') return null
  return {
    parts: policy.split(NONCE),
    headers: names.map((name) => reportOnly ? `${name}-Report-Only` : name),
    disableAndroid: flag(raw.disableAndroid, false, file, 'csp.disableAndroid'),
  }
}

function directive (name: string, values: unknown, file: string): string {
  const dashed = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
  const key = `csp.directives.${name}`
  if (!DIRECTIVES.has(dashed)) throw E_INVALID_CONFIG(file, key, 'is not a CSP directive: use camelCase names such as defaultSrc, scriptSrc, styleSrc, imgSrc')
  // upgradeInsecureRequests and blockAllMixedContent take no values.
  if (values === true || (Array.isArray(values) && values.length === 0)) return dashed
  const list = typeof values === 'string' ? values.split(/\s+/).filter(Boolean) : values
  if (!Array.isArray(list) || !list.every((value) => typeof value === 'string' && /^[^\s;,]+$/.test(value))) {
    throw E_INVALID_CONFIG(file, key, "must list sources, such as ['self', '@nonce', 'cdn.example.com'] (no spaces, ; or , inside one)")
  }
  return [dashed, ...list.map((value) => KEYWORDS.has(value) ? `'${value}'` : value)].join(' ')
}

/** The policy of one request. */
export function policyWith (csp: CompiledCsp, nonce: string): string {
  return csp.parts.length === 1 ? csp.parts[0]! : csp.parts.join(`'nonce-${nonce}'`)
}

/** Whether the policy names the nonce (then each request needs one). */
export function usesNonce (csp: CompiledCsp): boolean {
  return csp.parts.length > 1
}

/** The header names for this User-Agent: none for Android's old stock browser under disableAndroid. */
export function cspHeaderNames (csp: CompiledCsp, userAgent: string | undefined): string[] {
  if (csp.disableAndroid && userAgent !== undefined && isOldAndroidBrowser(userAgent)) return []
  return csp.headers
}

/** Android's own browser before Chrome replaced it: Android in the agent, and no Chrome/. */
function isOldAndroidBrowser (userAgent: string): boolean {
  return userAgent.includes('Android') && !userAgent.includes('Chrome/') && !userAgent.includes('Firefox/')
}

/** Directives browsers ignore in a `<meta>` element, with a warning on the console. */
const NOT_IN_META = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox'])

/**
 * `<meta http-equiv>` tags of a policy, as v3's cspMeta view value: for pages that repeat the
 * policy. Without what a meta element cannot carry: report-only policies and the directives
 * above (the header still has them).
 */
export function cspMetaTags (names: readonly string[], policy: string): string {
  const kept = policy.split('; ').filter((directive) => !NOT_IN_META.has(directive.split(' ', 1)[0]!)).join('; ')
  const content = escapeHtml(kept)
  return names
    .filter((name) => !name.endsWith('-Report-Only'))
    .map((name) => `<meta http-equiv="${name}" content="${content}">`)
    .join('\n')
}
