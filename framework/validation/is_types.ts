/**
 * Validator.is: the kind and presence checks, as AdonisJs 3 exposed them (indicative's raw
 * validations). Each takes any value and answers true or false, never throws.
 */
import { isPlainObject } from '../support/object_path'
import { isDate } from './dates'
import { isJson } from './formats'

/** Whether a value exists: not undefined, not null, not ''. */
function existy (value: unknown): boolean {
  return typeof value === 'string' ? value.length > 0 : value !== null && value !== undefined
}

/** Whether a value exists and is neither false nor 0. */
function truthy (value: unknown): boolean {
  return existy(value) && value !== false && value !== 0
}

/** The kind and presence checks, by name. */
export const TYPE_CHECKS = {
  /** An array. */
  array: (value: unknown): boolean => Array.isArray(value),
  /** true, false, 1 or 0 (strings are not booleans here; the boolean rule takes form strings). */
  boolean: (value: unknown): boolean => typeof value === 'boolean' || value === 0 || value === 1,
  /** A valid Date, or (unless `strict`) a string the date rule accepts. */
  date: (value: unknown, strict?: boolean): boolean => strict === true ? value instanceof Date && !Number.isNaN(value.getTime()) : isDate(value),
  /** A function. */
  function: (value: unknown): boolean => typeof value === 'function',
  /** null (not undefined). */
  null: (value: unknown): boolean => value === null,
  /** A number, of JavaScript's type (the string '10' is not). */
  number: (value: unknown): boolean => typeof value === 'number',
  /** A plain object (not an array, not a class instance), as the object rule checks. */
  object: (value: unknown): boolean => isPlainObject(value),
  /** A string holding JSON. */
  json: (value: unknown): boolean => isJson(value),
  /** A string. */
  string: (value: unknown): boolean => typeof value === 'string',
  /** Whether two values are of the same typeof. */
  sameType: (value: unknown, other: unknown): boolean => typeof value === typeof other,
  existy,
  truthy,
  /** The opposite of truthy: undefined, null, '', false or 0. */
  falsy: (value: unknown): boolean => !truthy(value),
  /** undefined, null, '', an empty array or an object without keys (a Date is never empty). */
  empty: (value: unknown): boolean => {
    if (!existy(value)) return true
    if (value instanceof Date) return false
    if (typeof value === 'object') return Object.keys(value as object).length === 0
    return false
  },
}
