/**
 * Rules about the kind of a value: string, number, integer, boolean, array, object, json.
 * number, integer and boolean take the string forms a form posts ('42', '1') and leave the
 * data as it is.
 */
import { boolean } from 'yup'
import { isPlainObject } from '../support/object_path'
import { isJson } from './formats'
import { byYup, formNumber, simple, type RuleSet } from './rule_kit'

/** The rules of this family, by name. */
export const TYPE_RULES: RuleSet = {
  string: simple((value) => typeof value === 'string', (label) => `The ${label} field must be text.`),
  number: simple(byYup(formNumber()), (label) => `The ${label} field must be a number.`),
  integer: simple(byYup(formNumber().integer()), (label) => `The ${label} field must be a whole number.`),
  boolean: simple(byYup(boolean()), (label) => `The ${label} field must be true or false.`),
  array: simple(Array.isArray, (label) => `The ${label} field must be a list.`),
  object: simple(isPlainObject, (label) => `The ${label} field must be an object.`),
  json: simple(isJson, (label) => `The ${label} field must be valid JSON.`),
}

/** Rules that make min, max, between and range compare numeric values instead of lengths. */
export const NUMERIC_RULES: ReadonlySet<string> = new Set(['number', 'integer'])
