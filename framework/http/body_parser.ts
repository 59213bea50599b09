/**
 * Request bodies: urlencoded forms (nested keys such as a[b][c]), JSON (and CSP reports, which
 * are JSON) and plain text (request.raw()), with size limits.
 * Dots in form keys stay part of the key, as in query strings and multipart forms: only
 * brackets nest, in every source, so one field cannot arrive under two paths.
 * Too large is a 413, malformed a 400; keys that could reach a prototype, or shadow one of
 * Object.prototype's members (toString, valueOf...), are dropped from both.
 */
import type Koa from 'koa'
import type CoBody from 'co-body'
import { E_BODY_TOO_LARGE, E_MALFORMED_BODY, E_UNSUPPORTED_ENCODING } from '../errors'
import { foldArrayKeys } from './form_keys'
import { UPLOADS_DIR } from './uploads'

export interface BodyParserConfig {
  /** Largest JSON body, as bytes or a string such as '1mb'. */
  jsonLimit: string | number
  /** Largest urlencoded body. */
  formLimit: string | number
  /** Largest text/plain body (request.raw()). */
  rawLimit: string | number
  /** JSON bodies must be an object or an array (v3's `strict`). */
  jsonStrict: boolean
  /** How deep a[b][c] form keys may nest. */
  formDepth: number
  /** Largest uploaded file in a multipart form. */
  fileLimit: string | number
  /** Most files in one multipart form. */
  maxFiles: number
  /** Most bytes of uploads held in temp files at once, by all requests together (503 beyond). */
  uploadsLimit: string | number
  /** Where uploaded files wait until the handler moves them or the response is out. */
  uploadsDir: string
}

/**
 * co-body is required on the first body, not at boot: with qs under it, it is the largest
 * module a first request without a body never needs (bench/startup.ts measures cold starts).
 */
let coBody: typeof CoBody | undefined

export const DEFAULT_BODY_PARSER: BodyParserConfig = {
  jsonLimit: '1mb', formLimit: '1mb', rawLimit: '1mb', jsonStrict: true, formDepth: 5, fileLimit: '10mb', maxFiles: 20, uploadsLimit: '256mb', uploadsDir: UPLOADS_DIR,
}

/** The JSON types AdonisJs 3 parsed: +json covers application/vnd.api+json and json-patch+json. */
const BODY_TYPES = ['urlencoded', 'json', '+json', 'application/csp-report', 'text/plain']

/** A parsed body: `fields` for forms and JSON, `raw` for text. */
export interface ParsedBody {
  fields?: unknown
  raw?: string
}

/** Parses the body when it is a form, JSON or text; any other body is left unread. */
export async function parseBody (ctx: Koa.Context, config: BodyParserConfig): Promise<ParsedBody | undefined> {
  if (!hasBody(ctx)) return undefined
  const type = ctx.is(BODY_TYPES)
  if (!type) return undefined
  const kind = type === 'urlencoded' ? 'form' : type === 'text/plain' ? 'text' : 'JSON'
  const limit = kind === 'form' ? config.formLimit : kind === 'text' ? config.rawLimit : config.jsonLimit
  coBody ??= require('co-body') as typeof CoBody
  let body: unknown
  try {
    if (kind === 'text') return { raw: await coBody.text(ctx, { limit }) }
    if (kind === 'form') return { fields: await readForm(coBody, ctx, limit, config) }
    body = await coBody.json(ctx, { limit, strict: config.jsonStrict, onProtoPoisoning: 'remove' } as CoBody.Options)
  } catch (error) {
    throw toHttpError(error, kind, limit)
  }
  const problem = checkJson(body)
  if (problem !== null) throw E_MALFORMED_BODY('JSON', problem)
  return { fields: body }
}

async function readForm (body: typeof CoBody, ctx: Koa.Context, limit: string | number, config: BodyParserConfig): Promise<unknown> {
  const queryString = { depth: config.formDepth, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false, allowDots: false }
  const { parsed, raw } = await body.form(ctx, { limit, queryString, returnRawBody: true }) as unknown as { parsed: unknown, raw: string }
  // user[email[]]: only a body that has one is walked again.
  return raw.includes('[]]') || /%5B%5D%5D/i.test(raw) ? foldArrayKeys(parsed) : parsed
}

/** How deep a JSON body may nest: deeper ones are refused before recursive code (copies, sessions, views) walks them. */
const JSON_MAX_DEPTH = 100

/**
 * Checks parsed JSON in one pass: why it cannot be used as input (too deep, or a number that
 * JSON.parse made Infinity), or null. On the way it drops keys that shadow a member of
 * Object.prototype, as qs does for forms: an object whose toString is a string cannot be
 * printed, so flashing {"email": {"toString": ""}} broke every later render of the form.
 */
function checkJson (value: unknown): string | null {
  const pending: Array<[unknown, number]> = [[value, 0]]
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!
    if (typeof item === 'number' && !Number.isFinite(item)) return 'a number is out of range'
    if (item === null || typeof item !== 'object') continue
    if (depth >= JSON_MAX_DEPTH) return `it nests deeper than ${JSON_MAX_DEPTH} levels`
    const object = item as Record<string, unknown>
    for (const key of Object.keys(object)) {
      if (!Array.isArray(object) && Object.hasOwn(Object.prototype, key)) delete object[key]
      else pending.push([object[key], depth + 1])
    }
  }
  return null
}

function toHttpError (error: unknown, kind: string, limit: string | number): unknown {
  const { status, type, message, code } = error as { status?: number, type?: string, message?: string, code?: unknown }
  // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR...): a Content-Encoding whose data is not what it says.
  if (typeof code === 'string' && code.startsWith('Z_')) return E_MALFORMED_BODY(kind, `cannot be decompressed (${message ?? code})`)
  if (status === 413 || type === 'entity.too.large') return E_BODY_TOO_LARGE(String(limit))
  if (status === 415 || type === 'encoding.unsupported') return E_UNSUPPORTED_ENCODING(String((error as { encoding?: string }).encoding ?? 'unknown'))
  if (status !== undefined && status >= 400 && status < 500) return E_MALFORMED_BODY(kind, message ?? 'cannot be parsed')
  return error
}

/** Whether the request carries a body at all (most GETs do not: no need to wait for one). */
export function hasBody (ctx: Koa.Context): boolean {
  const length = ctx.get('content-length')
  return (length !== '' && length !== '0') || ctx.get('transfer-encoding') !== ''
}
