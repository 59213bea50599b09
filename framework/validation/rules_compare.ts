/**
 * Rules that compare a value with another field or with values written in the rule: same,
 * different, confirmed, equals, not_equals, in, not_in.
 */
import { array, string } from 'yup'
import { humanise } from './messages'
import { byYup, oneText, otherField, otherGiven, sameValue, simple, someValues, textOf, type RuleSet } from './rule_kit'

/** in and not_in compare the string form, so 'in:1,2' accepts both '1' from a form and 1 from JSON. */
function listed (args: readonly string[], allowed: boolean): (value: unknown) => boolean {
  const item = allowed ? string().oneOf([...args]) : string().notOneOf([...args])
  const one = byYup(item)
  const many = byYup(array().of(item))
  return (value) => Array.isArray(value) ? many(value) : one(value)
}

/** The rules of this family, by name. */
export const COMPARE_RULES: RuleSet = {
  confirmed: simple((value, data, field) => sameValue(value, data, `${field}_confirmation`),
    (label) => `The ${label} confirmation does not match.`),
  // Skipped while the other field is not given, as in AdonisJs 3: its own rules report it.
  same: {
    checkArgs: otherField('same:password'),
    build: ([other]) => ({
      test: (value, data) => !otherGiven(data, other!) || sameValue(value, data, other!),
      message: (label) => `The ${label} and ${humanise(other!)} fields must match.`,
    }),
  },
  different: {
    checkArgs: otherField('different:email'),
    build: ([other]) => ({
      test: (value, data) => !sameValue(value, data, other!),
      message: (label) => `The ${label} and ${humanise(other!)} fields must be different.`,
    }),
  },
  // Compared as text, so 'equals:18' matches '18' from a form and 18 from JSON.
  equals: {
    wholeArgument: true,
    checkArgs: oneText('equals:yes'),
    build: ([expected]) => ({ test: (value) => textOf(value) === expected, message: (label) => `The ${label} field must be ${expected}.` }),
  },
  not_equals: {
    wholeArgument: true,
    checkArgs: oneText('not_equals:admin'),
    build: ([refused]) => ({ test: (value) => textOf(value) !== refused, message: (label) => `The ${label} field must not be ${refused}.` }),
  },
  in: {
    checkArgs: someValues('in:a,b,c'),
    build: (args) => ({ test: listed(args, true), message: (label) => `The ${label} field must be one of: ${args.join(', ')}.` }),
  },
  not_in: {
    checkArgs: someValues('not_in:admin,root'),
    build: (args) => ({ test: listed(args, false), message: (label) => `This ${label} is not allowed.` }),
  },
}
