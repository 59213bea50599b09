/**
 * Validator.sanitize(data, rules): a copy of the data with each field passed through the
 * filters its rule names, in order: `{ email: 'normalize_email', body: 'strip_tags|slug' }`.
 * '*' in a field reaches every item of a list: 'emails.*', 'users.*.email'. The data itself is
 * never changed: only the objects on the way to a sanitized field are copied.
 */
import { E_INVALID_SANITIZATION_RULE, E_UNKNOWN_SANITIZATION_FILTER } from '../errors'
import { isPlainObject, isSafeKey, splitPath } from '../support/object_path'
import { filterNames, findFilter, type SanitizationFilter } from './sanitizor'

/** Filter rules by field: a string of filters separated by '|', or an array of them. */
export type SanitizationRules = Readonly<Record<string, string | readonly string[]>>

interface Step {
  filter: SanitizationFilter
  args: string[]
}

type Container = Record<string, unknown> | unknown[]

/** The sanitized copy of `data`; data that is not an object or array comes back as it is. */
export function sanitize<T> (data: T, rules: SanitizationRules): T {
  if (rules === null || typeof rules !== 'object') throw new TypeError("Validator.sanitize: the rules must be an object such as { email: 'normalize_email' }")
  if (!isContainer(data)) return data
  const result = shallowCopy(data)
  const copied = new Set<unknown>([result])
  for (const field of Object.keys(rules)) {
    const steps = parseFilters(field, rules[field]!)
    for (const keys of expand(data, splitPath(field))) {
      const value = steps.reduce((current, step) => step.filter(current, step.args), valueAt(data, keys))
      setCopied(result, keys, value, copied)
    }
  }
  return result as T
}

function parseFilters (field: string, rule: string | readonly string[]): Step[] {
  if (typeof rule !== 'string' && !Array.isArray(rule)) {
    throw E_INVALID_SANITIZATION_RULE(field, String(rule), "must be a string of filters such as 'trim|slug', or an array of them")
  }
  const list = typeof rule === 'string' ? (rule.trim() === '' ? [] : rule.split('|')) : rule
  return list.map((text: unknown) => {
    if (typeof text !== 'string' || text.trim() === '') throw E_INVALID_SANITIZATION_RULE(field, String(rule), "has an empty filter: remove the extra '|'")
    const colon = text.indexOf(':')
    const name = (colon === -1 ? text : text.slice(0, colon)).trim()
    const filter = findFilter(name)
    if (filter === undefined) throw E_UNKNOWN_SANITIZATION_FILTER(field, name, filterNames())
    return { filter, args: colon === -1 ? [] : text.slice(colon + 1).split(',').map((arg) => arg.trim()) }
  })
}

/** The concrete key paths a field names: '*' becomes each index (or key) of what is there. */
function expand (data: unknown, segments: readonly string[]): string[][] {
  const star = segments.indexOf('*')
  if (star === -1) return [segments.slice()]
  const prefix = segments.slice(0, star)
  const list = valueAt(data, prefix)
  const keys = Array.isArray(list) ? list.map((_item, index) => String(index)) : isPlainObject(list) ? Object.keys(list).filter(isSafeKey) : []
  return keys.flatMap((key) => expand(data, [...prefix, key, ...segments.slice(star + 1)]))
}

/** The value at a key path (keys from '*' may hold dots, so the path is not joined back into a string). */
function valueAt (data: unknown, keys: readonly string[]): unknown {
  let current = data
  for (const key of keys) {
    if (!isContainer(current) || !Object.hasOwn(current, key)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** Sets a value at a key path of `result`, copying each shared object or list on the way first. */
function setCopied (result: Container, keys: readonly string[], value: unknown, copied: Set<unknown>): void {
  let current = result as Record<string, unknown>
  for (const key of keys.slice(0, -1)) {
    let next = current[key]
    if (!isContainer(next)) next = {}
    else if (!copied.has(next)) next = shallowCopy(next)
    copied.add(next)
    current[key] = next
    current = next as Record<string, unknown>
  }
  current[keys[keys.length - 1]!] = value
}

function isContainer (value: unknown): value is Container {
  return Array.isArray(value) || isPlainObject(value)
}

// Spread defines own properties, so a '__proto__' key in the data stays a plain key.
function shallowCopy (value: Container): Container {
  return Array.isArray(value) ? value.slice() : { ...value }
}
