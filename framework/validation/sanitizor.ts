/**
 * Validator.sanitizor: every filter by name (`Validator.sanitizor.slug(value)`), and
 * `Validator.sanitizor.extend(name, fn)` for an app's own. Rules passed to Validator.sanitize
 * name them in snake_case: 'normalize_email', 'strip_tags:trim'.
 */
import { E_INVALID_VALIDATOR_EXTENSION } from '../errors'
import { FILTERS } from './sanitizor_filters'
import { WORD_FILTERS } from './sanitizor_words'

/** A filter: the value and the rule's arguments in, the cleaned value out. */
export type SanitizationFilter = (value: unknown, args?: readonly unknown[]) => unknown

const BUILT_IN = { ...FILTERS, ...WORD_FILTERS }

/** The filters of Validator.sanitizor: the built-in ones, typed, and those added with extend. */
export interface Sanitizor extends Readonly<typeof BUILT_IN> {
  /** Adds a filter, then named in sanitize rules in snake_case. Built-in filters cannot be replaced. */
  extend (name: string, filter: SanitizationFilter): void
  readonly [name: string]: SanitizationFilter | ((name: string, filter: SanitizationFilter) => void) | undefined
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

function extend (name: unknown, filter: unknown): void {
  const shown = String(name)
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw E_INVALID_VALIDATOR_EXTENSION('Validator.sanitizor.extend', shown, "needs a name that is a JavaScript identifier, such as 'trimAll'")
  }
  if (typeof filter !== 'function') throw E_INVALID_VALIDATOR_EXTENSION('Validator.sanitizor.extend', shown, 'needs a function as its second argument')
  if (Object.hasOwn(BUILT_IN, name) || name === 'extend') {
    throw E_INVALID_VALIDATOR_EXTENSION('Validator.sanitizor.extend', shown, `cannot replace the built-in filter '${name}': choose another name`)
  }
  Object.defineProperty(sanitizor, name, { value: filter, enumerable: true, configurable: true })
}

/** Validator.sanitizor; its built-in filters cannot be overwritten. */
export const sanitizor = Object.defineProperty(
  Object.defineProperties({}, Object.fromEntries(Object.entries(BUILT_IN).map(([name, filter]) => [name, { value: filter, enumerable: true }]))),
  'extend', { value: extend }
) as unknown as Sanitizor

/** 'normalize_email' -> 'normalizeEmail'; camelCase names stay as they are. */
export function filterKey (name: string): string {
  return name.replace(/_([a-z\d])/g, (_match, letter: string) => letter.toUpperCase())
}

/** The filter a sanitize rule names, or undefined. */
export function findFilter (name: string): SanitizationFilter | undefined {
  const key = filterKey(name)
  if (key === 'extend' || !Object.hasOwn(sanitizor, key)) return undefined
  return sanitizor[key] as SanitizationFilter
}

/** The filter names as sanitize rules write them, for the error that reports an unknown one. */
export function filterNames (): string[] {
  return Object.keys(sanitizor).map((key) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)).sort()
}
