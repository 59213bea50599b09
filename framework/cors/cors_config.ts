/**
 * config/cors.js (or .ts), with AdonisJs 3's keys: origin, methods, headers, exposeHeaders,
 * credentials, maxAge. Read only when the kernel lists 'Adonis/Middleware/Cors'; origin: false
 * (the scaffold's default) turns it off entirely.
 */
import { E_INVALID_CONFIG } from '../errors'
import { flag, section } from '../shield/config_checks'

/** What an origin setting answers for a request's Origin: the Access-Control-Allow-Origin value, or null for none. */
export type OriginRule = (requestOrigin: string) => string | null

/** What a headers setting answers for a preflight's Access-Control-Request-Headers. */
export type HeadersRule = (requested: string) => string | null

export interface CorsConfig {
  origin: OriginRule
  /** Whether the answer depends on the request's Origin (then responses say Vary: Origin). */
  varies: boolean
  methods: string
  headers: HeadersRule
  exposeHeaders: string | null
  credentials: boolean
  maxAge: number | null
}

const KEYS = ['origin', 'methods', 'headers', 'exposeHeaders', 'credentials', 'maxAge']
const ORIGIN_HELP = "must be true (the request's origin), false (off), '*', a comma-separated list of origins, or a function (origin) => true | false | string"

/** null when origin is false: the app answers no cross-origin request. */
export function corsConfig (given: unknown, file = 'config/cors.js'): CorsConfig | null {
  const raw = section(given ?? {}, file, 'the export', KEYS)
  if (raw.origin === undefined || raw.origin === false) return null
  const credentials = flag(raw.credentials, false, file, 'credentials')
  if (raw.origin === '*' && credentials) {
    throw E_INVALID_CONFIG(file, 'origin', "is '*' with credentials: true, which browsers refuse: set origin to true (the request's origin) or to a list of origins")
  }
  return {
    origin: originRule(raw.origin, file),
    varies: raw.origin !== '*',
    methods: list(raw.methods ?? 'GET, PUT, POST', file, 'methods') ?? '',
    headers: headersRule(raw.headers ?? true, file),
    exposeHeaders: list(raw.exposeHeaders ?? false, file, 'exposeHeaders'),
    credentials,
    maxAge: maxAge(raw.maxAge, file),
  }
}

function originRule (origin: unknown, file: string): OriginRule {
  if (typeof origin === 'function') {
    // Called on every request (v3 kept the first answer for all later requests).
    const decide = origin as (requestOrigin: string) => unknown
    return (requestOrigin) => fromAnswer(decide(requestOrigin), requestOrigin)
  }
  if (origin === true || typeof origin === 'string' || Array.isArray(origin)) {
    if (typeof origin !== 'boolean' && !isOriginList(origin)) throw E_INVALID_CONFIG(file, 'origin', ORIGIN_HELP)
    return (requestOrigin) => fromAnswer(origin, requestOrigin)
  }
  throw E_INVALID_CONFIG(file, 'origin', ORIGIN_HELP)
}

function isOriginList (value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.every((item) => typeof item === 'string')
}

/**
 * true: the request's origin. A string or list: the request's origin when listed (a browser
 * takes one origin per answer, so a list is never sent as it is), or '*'. Else none.
 */
function fromAnswer (answer: unknown, requestOrigin: string): string | null {
  if (answer === true) return requestOrigin
  if (answer === '*') return '*'
  const origins = typeof answer === 'string' ? answer.split(',') : Array.isArray(answer) ? answer : []
  return origins.some((origin) => typeof origin === 'string' && origin.trim() === requestOrigin) ? requestOrigin : null
}

function headersRule (headers: unknown, file: string): HeadersRule {
  if (typeof headers === 'function') {
    const decide = headers as (requested: string) => unknown
    return (requested) => {
      const answer = decide(requested)
      if (answer === true) return requested || null
      return typeof answer === 'string' && answer !== '' ? answer : Array.isArray(answer) ? answer.join(', ') : null
    }
  }
  if (headers === true) return (requested) => requested || null
  const fixed = list(headers, file, 'headers')
  return () => fixed
}

/** A string, or a list joined with ', '; false for none. */
function list (value: unknown, file: string, key: string): string | null {
  if (value === false) return null
  const items = typeof value === 'string' ? value.split(',') : value
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string' && /^\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*$/.test(item))) {
    throw E_INVALID_CONFIG(file, key, "must be false, a comma-separated string or a list of names, such as 'GET, PUT, POST'")
  }
  return items.map((item) => item.trim()).join(', ')
}

function maxAge (value: unknown, file: string): number | null {
  if (value === undefined || value === false) return null
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw E_INVALID_CONFIG(file, 'maxAge', 'must be a whole number of seconds, such as 90, or false')
  return value
}
