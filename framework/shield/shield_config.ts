/**
 * config/shield.js (or .ts): AdonisJs 3's keys (csrf, csp, xss, xframe, nosniff, noopen) plus
 * referrerPolicy and hsts, each with a safe default. A key this file does not know, or a value
 * of the wrong shape, stops the boot naming the file and the key: a misspelt key silently
 * ignored would leave a protection off.
 */
import { E_INVALID_CONFIG } from '../errors'
import { flag, section } from './config_checks'
import { compileCsp, type CompiledCsp } from './csp'
import { compileUriFilter, type UriFilter } from './uri_filter'

/** The attributes of the XSRF-TOKEN cookie (csrf.cookieOptions). */
export interface XsrfCookieOptions {
  httpOnly: boolean
  sameSite: 'lax' | 'strict' | 'none' | boolean
  path: string
  maxAge?: number
  domain?: string | null
  secure?: boolean
}

/** config/shield, checked and compiled at boot. */
export interface ShieldConfig {
  csrf: {
    enable: boolean
    /** Verbs that need a token. */
    methods: string[]
    /** Paths that never need one (webhooks), as v3's filterUris: exact, `:param` segments, `*`. */
    filterUris: UriFilter
    /** Refuse a checked request whose Origin (or Referer) names another host than the request's. */
    compareHostAndOrigin: boolean
    /** Send the token in a cookie scripts can read (XSRF-TOKEN), for SPAs that echo it in x-xsrf-token. */
    xsrfCookie: boolean
    cookieOptions: XsrfCookieOptions
  }
  /** Content-Security-Policy, compiled at boot; null when no directive is given. */
  csp: CompiledCsp | null
  /** X-XSS-Protection, or false to leave it out. */
  xss: { enableOnOldIE: boolean, mode: 'block' | null } | false
  /** X-Frame-Options: 'DENY', 'SAMEORIGIN', 'ALLOW-FROM <uri>', or false to leave it out. */
  xframe: string | false
  /** X-Content-Type-Options: nosniff. */
  nosniff: boolean
  /** X-Download-Options: noopen. */
  noopen: boolean
  /** Referrer-Policy, or false to leave it out. */
  referrerPolicy: string | false
  /** Strict-Transport-Security on HTTPS requests (never over plain HTTP), or false to leave it out. */
  hsts: { maxAge: number, includeSubDomains: boolean, preload: boolean } | false
}

const DEFAULT_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE']
// As v3 set XSRF-TOKEN: readable by scripts (that is its use), strict same-site, two hours.
const COOKIE_DEFAULTS: XsrfCookieOptions = { httpOnly: false, sameSite: 'strict', path: '/', maxAge: 7200 }
// 180 days, as helmet sends it: browsers then refuse plain HTTP to this host for that long.
const HSTS_DEFAULTS = { maxAge: 15_552_000, includeSubDomains: true, preload: false }

const TOP_KEYS = ['csrf', 'csp', 'xss', 'xframe', 'nosniff', 'noopen', 'referrerPolicy', 'hsts']
const CSRF_KEYS = ['enable', 'methods', 'filterUris', 'compareHostAndOrigin', 'xsrfCookie', 'cookieOptions']
const XSS_KEYS = ['enabled', 'enableOnOldIE', 'mode']
const COOKIE_KEYS = ['httpOnly', 'sameSite', 'path', 'maxAge', 'domain', 'secure']
const HSTS_KEYS = ['maxAge', 'includeSubDomains', 'preload']

/** `file` is the config file as it exists (config/shield.js or config/shield.ts), for error messages. */
export function shieldConfig (given: unknown, file = 'config/shield.js'): ShieldConfig {
  const raw = section(given ?? {}, file, 'the export', TOP_KEYS)
  return {
    csrf: csrfConfig(raw.csrf, file),
    csp: raw.csp === undefined || raw.csp === false ? null : compileCsp(raw.csp, file),
    xss: xssConfig(raw.xss, file),
    xframe: xframeConfig(raw.xframe, file),
    nosniff: flag(raw.nosniff, true, file, 'nosniff'),
    noopen: flag(raw.noopen, false, file, 'noopen'),
    referrerPolicy: referrerPolicy(raw.referrerPolicy, file),
    hsts: hstsConfig(raw.hsts, file),
  }
}

function csrfConfig (given: unknown, file: string): ShieldConfig['csrf'] {
  const raw = section(given ?? {}, file, 'csrf', CSRF_KEYS)
  const methods = raw.methods ?? DEFAULT_METHODS
  if (!Array.isArray(methods) || !methods.every((method) => typeof method === 'string')) {
    throw E_INVALID_CONFIG(file, 'csrf.methods', "must list verbs, such as ['POST', 'PUT', 'PATCH', 'DELETE']")
  }
  const filterUris = raw.filterUris ?? []
  if (!Array.isArray(filterUris) || !filterUris.every((uri) => typeof uri === 'string')) {
    throw E_INVALID_CONFIG(file, 'csrf.filterUris', "must list paths, such as ['/webhooks/*', '/api/hooks/:id']")
  }
  const cookie = section(raw.cookieOptions ?? {}, file, 'csrf.cookieOptions', COOKIE_KEYS)
  const cookieOptions = { ...COOKIE_DEFAULTS, ...cookie } as XsrfCookieOptions
  // v3 wrote sameSite: true for Strict.
  if (cookieOptions.sameSite === true) cookieOptions.sameSite = 'strict'
  if (![false, 'lax', 'strict', 'none'].includes(cookieOptions.sameSite)) {
    throw E_INVALID_CONFIG(file, 'csrf.cookieOptions.sameSite', "must be 'lax', 'strict', 'none', true (strict) or false")
  }
  for (const key of ['path', 'domain'] as const) {
    if (cookieOptions[key] != null && !(typeof cookieOptions[key] === 'string' && /^[\x21-\x3a\x3c-\x7e]+$/.test(cookieOptions[key]))) {
      throw E_INVALID_CONFIG(file, `csrf.cookieOptions.${key}`, "must be a string without spaces or ';', such as '/'")
    }
  }
  for (const key of ['httpOnly', 'secure'] as const) flag(cookieOptions[key], false, file, `csrf.cookieOptions.${key}`)
  if (cookieOptions.maxAge !== undefined && !(typeof cookieOptions.maxAge === 'number' && cookieOptions.maxAge >= 0)) {
    throw E_INVALID_CONFIG(file, 'csrf.cookieOptions.maxAge', 'must be a number of seconds, such as 7200')
  }
  return {
    enable: flag(raw.enable, true, file, 'csrf.enable'),
    methods: methods.map((method) => method.toUpperCase()),
    filterUris: compileUriFilter(filterUris, file),
    compareHostAndOrigin: flag(raw.compareHostAndOrigin, false, file, 'csrf.compareHostAndOrigin'),
    // Off unless asked for: on every answer it would make a secret and two cookies for every visitor.
    xsrfCookie: flag(raw.xsrfCookie, false, file, 'csrf.xsrfCookie'),
    cookieOptions,
  }
}

function xssConfig (given: unknown, file: string): ShieldConfig['xss'] {
  if (given === undefined || given === false) return false
  const raw = section(given, file, 'xss', XSS_KEYS)
  if (!flag(raw.enabled, true, file, 'xss.enabled')) return false
  const mode = raw.mode === undefined ? 'block' : raw.mode
  if (mode !== 'block' && mode !== null) throw E_INVALID_CONFIG(file, 'xss.mode', "must be 'block' (1; mode=block) or null (1)")
  return { enableOnOldIE: flag(raw.enableOnOldIE, false, file, 'xss.enableOnOldIE'), mode }
}

function xframeConfig (given: unknown, file: string): string | false {
  if (given === undefined) return 'SAMEORIGIN'
  if (given === false) return false
  const value = typeof given === 'string' ? given.trim() : ''
  const upper = value.toUpperCase()
  if (upper === 'DENY' || upper === 'SAMEORIGIN') return upper
  const allowFrom = /^ALLOW-FROM\s+(\S+)$/i.exec(value)
  if (allowFrom) return `ALLOW-FROM ${allowFrom[1]}`
  throw E_INVALID_CONFIG(file, 'xframe', "must be 'DENY', 'SAMEORIGIN', 'ALLOW-FROM https://example.com' or false")
}

function hstsConfig (given: unknown, file: string): ShieldConfig['hsts'] {
  if (given === false) return false
  const hsts = { ...HSTS_DEFAULTS, ...section(given ?? {}, file, 'hsts', HSTS_KEYS) }
  if (typeof hsts.maxAge !== 'number' || !(hsts.maxAge >= 0)) {
    throw E_INVALID_CONFIG(file, 'hsts.maxAge', 'must be a number of seconds, such as 15552000 (180 days), or hsts: false')
  }
  return { maxAge: hsts.maxAge, includeSubDomains: flag(hsts.includeSubDomains, true, file, 'hsts.includeSubDomains'), preload: flag(hsts.preload, false, file, 'hsts.preload') }
}

function referrerPolicy (value: unknown, file: string): string | false {
  if (value === undefined) return 'strict-origin-when-cross-origin'
  if (value === false) return false
  if (typeof value !== 'string' || !/^[a-z-]+(\s*,\s*[a-z-]+)*$/.test(value)) {
    throw E_INVALID_CONFIG(file, 'referrerPolicy', "must be a policy such as 'strict-origin-when-cross-origin' or 'no-referrer', or false")
  }
  return value
}
