/**
 * Validator.is: AdonisJs 3's raw checks (`Validator.is.email(value)`), true or false for any
 * value, each linear in its input; `Validator.is.extend(name, fn)` adds an app's own.
 */
import { E_INVALID_VALIDATOR_EXTENSION } from '../errors'
import { DATE_CHECKS } from './is_dates'
import { FORMAT_CHECKS } from './is_formats'
import { NUMBER_CHECKS } from './is_numbers'
import { TYPE_CHECKS } from './is_types'

const BUILT_IN = { ...TYPE_CHECKS, ...FORMAT_CHECKS, ...NUMBER_CHECKS, ...DATE_CHECKS }

/** A check an app adds: any arguments, true or false. */

export type IsCheck = (...args: any[]) => boolean

/** The checks of Validator.is: the built-in ones, typed, and those added with extend. */
export interface IsChecks extends Readonly<typeof BUILT_IN> {
  /** Adds a check, then called as Validator.is[name](...). Built-in checks cannot be replaced. */
  extend (name: string, check: IsCheck): void
  readonly [name: string]: IsCheck | ((name: string, check: IsCheck) => void) | undefined
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

function extend (name: unknown, check: unknown): void {
  const shown = String(name)
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw E_INVALID_VALIDATOR_EXTENSION('Validator.is.extend', shown, "needs a name that is a JavaScript identifier, such as 'postcode'")
  }
  if (typeof check !== 'function') throw E_INVALID_VALIDATOR_EXTENSION('Validator.is.extend', shown, 'needs a function as its second argument')
  if (Object.hasOwn(BUILT_IN, name) || name === 'extend') {
    throw E_INVALID_VALIDATOR_EXTENSION('Validator.is.extend', shown, `cannot replace the built-in check '${name}': choose another name`)
  }
  Object.defineProperty(is, name, { value: check, enumerable: true, configurable: true })
}

/** Validator.is; its built-in checks cannot be overwritten. */
export const is = Object.defineProperty(
  Object.defineProperties({}, Object.fromEntries(Object.entries(BUILT_IN).map(([name, check]) => [name, { value: check, enumerable: true }]))),
  'extend', { value: extend }
) as unknown as IsChecks
