/**
 * Every rule a rule string may name: what arguments it takes, how it checks a value (through
 * a yup schema built once, where yup has the check), and its default message.
 */
import { array, boolean, number, string, type Schema } from 'yup'
import { getPath, isPlainObject } from '../support/object_path'
import { RE2JS } from 're2js'
import { isEmail, isUrl } from './formats'
import { isAccepted, isDate, isFilled, toNumber } from './form_values'
import { humanise } from './messages'
import type { SizeKind } from './types'

/** What a rule builds into: its check and its default message. */
interface RuleCheck {
  test (value: unknown, data: unknown, field: string): boolean
  message (label: string, value: unknown): string
}

/** One rule's definition. `numeric` says whether the field also has `number` or `integer`. */
export interface RuleDefinition {
  /** Whether it also runs on empty values (only `required`). */
  readonly implicit?: boolean
  /** Why the arguments are wrong, or undefined when they are fine. */
  checkArgs (args: readonly string[]): string | undefined
  build (args: readonly string[], numeric: boolean): RuleCheck
}

// Validation failures are expected input, not bugs: a stack trace per failure would cost more
// than the whole check.
const YUP_OPTIONS = { disableStackTrace: true } as const

/** A check that passes when a yup schema built once accepts the value. */
function byYup (schema: Schema): (value: unknown) => boolean {
  return (value) => schema.isValidSync(value, YUP_OPTIONS)
}

// yup's own number cast accepts '0x10', 'Infinity' and '1 2'; forms get plain decimals only.
function formNumber () {
  return number().transform((_value: unknown, original: unknown) => toNumber(original))
}

/** Builds a rule with no arguments from its check and message. */
function simple (test: RuleCheck['test'], message: (label: string) => string, implicit = false): RuleDefinition {
  return { implicit, checkArgs: noArgs, build: () => ({ test, message }) }
}

function noArgs (args: readonly string[]): string | undefined {
  return args.length === 0 ? undefined : 'takes no arguments'
}

function isNumeric (arg: string | undefined): boolean {
  return arg !== undefined && arg !== '' && Number.isFinite(Number(arg))
}

function oneNumber (example: string) {
  return (args: readonly string[]) => args.length === 1 && isNumeric(args[0]) ? undefined : `needs one number, as in '${example}'`
}

function twoNumbers (args: readonly string[]): string | undefined {
  if (args.length !== 2 || !isNumeric(args[0]) || !isNumeric(args[1])) return "needs two numbers, as in 'between:18,120'"
  return Number(args[0]) > Number(args[1]) ? 'has its minimum above its maximum' : undefined
}

function someValues (example: string) {
  return (args: readonly string[]) => args.length > 0 && !(args.length === 1 && args[0] === '') ? undefined : `needs at least one value, as in '${example}'`
}

function otherField (example: string) {
  return (args: readonly string[]) => args.length === 1 && args[0] !== '' ? undefined : `needs the name of another field, as in '${example}'`
}

/** How min, max and between measure this value: arrays by items, numbers (or numeric fields) by value, the rest by length. */
export function sizeKind (value: unknown, numeric: boolean): SizeKind {
  if (Array.isArray(value)) return 'array'
  return numeric || typeof value === 'number' ? 'number' : 'string'
}

/** The part of yup's string, array and number schemas that min, max and between use. */
interface SizedSchema extends Pick<Schema, 'isValidSync'> {
  min (limit: number): SizedSchema
  max (limit: number): SizedSchema
}

/** min, max and between: one yup schema per way of measuring, picked by the value at hand. */
function sized (
  bound: (schema: SizedSchema, args: readonly string[]) => SizedSchema,
  phrase: (kind: SizeKind, args: readonly string[]) => string,
): RuleDefinition['build'] {
  return (args, numeric) => {
    const schemas = { string: bound(string(), args), array: bound(array(), args), number: bound(formNumber(), args) }
    return {
      test: (value) => schemas[sizeKind(value, numeric)].isValidSync(value, YUP_OPTIONS),
      message: (label, value) => `The ${label} field ${phrase(sizeKind(value, numeric), args)}.`,
    }
  }
}

const UNIT: Record<SizeKind, string> = { string: ' characters', array: ' items', number: '' }

function sizePhrase (kind: SizeKind, bound: string, count: string): string {
  // 'at least 1 character', not '1 characters'.
  const unit = count === '1' ? UNIT[kind].slice(0, -1) : UNIT[kind]
  return kind === 'array' ? `must have ${bound} ${count}${unit}` : `must be ${bound} ${count}${unit}`
}

/** in and not_in compare the string form, so 'in:1,2' accepts both '1' from a form and 1 from JSON. */
function listed (args: readonly string[], allowed: boolean): (value: unknown) => boolean {
  const item = allowed ? string().oneOf([...args]) : string().notOneOf([...args])
  const one = byYup(item)
  const many = byYup(array().of(item))
  return (value) => Array.isArray(value) ? many(value) : one(value)
}

/**
 * A `regex:` argument (`^[a-z]+$`, or `/^[a-z]+$/i` to give flags) as a pattern that matches in
 * time linear in the input, whatever the pattern: it runs on user input, where a backtracking
 * engine can spend minutes on a short crafted value with a pattern such as (a+)+. RE2's syntax
 * is JavaScript's without lookarounds and backreferences, which cannot be matched in linear time.
 */
export function compilePattern (source: string): RE2JS {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(source)
  if (!literal) return RE2JS.compile(source)
  let flags = 0
  for (const flag of literal[2]!) {
    if (flag === 'i') flags |= RE2JS.CASE_INSENSITIVE
    else if (flag === 'm') flags |= RE2JS.MULTILINE
    else if (flag === 's') flags |= RE2JS.DOTALL
    // g and y only matter for repeated searches, u for JavaScript's own engine.
    else if (!'guy'.includes(flag)) throw new SyntaxError(`unknown flag '${flag}' (use i, m or s)`)
  }
  return RE2JS.compile(literal[1]!, flags)
}

function validPattern (args: readonly string[]): string | undefined {
  if (args.length !== 1 || args[0] === '') return "needs a pattern, as in 'regex:^[a-z]+$'"
  try {
    compilePattern(args[0]!)
    return undefined
  } catch (error) {
    const reason = (error as Error).message
    const unsupported = /\(\?[=!<]|\\[1-9k]/.test(args[0]!) ? ': lookarounds and backreferences are not supported, since patterns must match in linear time' : ''
    return `has an invalid pattern (${reason})${unsupported}`
  }
}

/** Whether a string (or a number or boolean, as text) contains a match, as RegExp#test. */
function matchesPattern (pattern: RE2JS): (value: unknown) => boolean {
  return (value) => {
    const type = typeof value
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return false
    return pattern.matcher(String(value)).find()
  }
}

const sameValue = (value: unknown, data: unknown, other: string) => value === getPath(data, other)

/** The rules, by the name used in rule strings. */
export const RULES: Readonly<Record<string, RuleDefinition>> = {
  required: simple(isFilled, (label) => `The ${label} field is required.`, true),
  accepted: simple(isAccepted, (label) => `The ${label} field must be accepted.`),
  email: simple(isEmail, (label) => `The ${label} field must be a valid email address.`),
  url: simple(isUrl, (label) => `The ${label} field must be a valid URL.`),
  alpha: simple(byYup(string().matches(/^[\p{L}\p{M}]+$/u)), (label) => `The ${label} field may only contain letters.`),
  alpha_numeric: simple(byYup(string().matches(/^[\p{L}\p{M}\p{Nd}]+$/u)),
    (label) => `The ${label} field may only contain letters and numbers.`),
  number: simple(byYup(formNumber()), (label) => `The ${label} field must be a number.`),
  integer: simple(byYup(formNumber().integer()), (label) => `The ${label} field must be a whole number.`),
  boolean: simple(byYup(boolean()), (label) => `The ${label} field must be true or false.`),
  date: simple(isDate, (label) => `The ${label} field must be a valid date.`),
  array: simple(Array.isArray, (label) => `The ${label} field must be a list.`),
  object: simple(isPlainObject, (label) => `The ${label} field must be an object.`),
  confirmed: simple((value, data, field) => sameValue(value, data, `${field}_confirmation`),
    (label) => `The ${label} confirmation does not match.`),
  min: {
    checkArgs: oneNumber('min:6'),
    build: sized((schema, args) => schema.min(Number(args[0])), (kind, args) => sizePhrase(kind, 'at least', args[0]!)),
  },
  max: {
    checkArgs: oneNumber('max:20'),
    build: sized((schema, args) => schema.max(Number(args[0])), (kind, args) => sizePhrase(kind, 'at most', args[0]!)),
  },
  between: {
    checkArgs: twoNumbers,
    build: sized((schema, args) => schema.min(Number(args[0])).max(Number(args[1])),
      (kind, args) => sizePhrase(kind, 'between', `${args[0]} and ${args[1]}`)),
  },
  in: {
    checkArgs: someValues('in:a,b,c'),
    build: (args) => ({ test: listed(args, true), message: (label) => `The ${label} field must be one of: ${args.join(', ')}.` }),
  },
  not_in: {
    checkArgs: someValues('not_in:admin,root'),
    build: (args) => ({ test: listed(args, false), message: (label) => `This ${label} is not allowed.` }),
  },
  same: {
    checkArgs: otherField('same:password'),
    build: (args) => ({
      test: (value, data) => sameValue(value, data, args[0]!),
      message: (label) => `The ${label} and ${humanise(args[0]!)} fields must match.`,
    }),
  },
  different: {
    checkArgs: otherField('different:email'),
    build: (args) => ({
      test: (value, data) => !sameValue(value, data, args[0]!),
      message: (label) => `The ${label} and ${humanise(args[0]!)} fields must be different.`,
    }),
  },
  regex: {
    checkArgs: validPattern,
    build: (args) => ({ test: matchesPattern(compilePattern(args[0]!)), message: (label) => `The ${label} field format is invalid.` }),
  },
}

/** The rule names, for the error that reports an unknown one. */
export const RULE_NAMES: readonly string[] = Object.keys(RULES).sort()

/** Rules that make min, max and between compare numeric values instead of lengths. */
export const NUMERIC_RULES: ReadonlySet<string> = new Set(['number', 'integer'])
