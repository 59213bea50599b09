/**
 * What every rule family is built from: the shape of a rule definition, and the checks of its
 * arguments that run once, when a rule string is first compiled.
 */
import { number, type Schema } from 'yup'
import { getPath } from '../support/object_path'
import { toNumber } from './form_values'

/** What a rule builds into: its check and its default message. */
export interface RuleCheck {
  test (value: unknown, data: unknown, field: string): boolean
  message (label: string, value: unknown): string
}

/** One rule's definition. `numeric` says whether the field also has `number` or `integer`. */
export interface RuleDefinition {
  /** Whether it also runs on empty values (required and the required_* family). */
  readonly implicit?: boolean
  /** Whether its argument is everything after the colon, commas included (regex, date_format, equals...). */
  readonly wholeArgument?: boolean
  /** Why the arguments are wrong, or undefined when they are fine. */
  checkArgs (args: readonly string[]): string | undefined
  build (args: readonly string[], numeric: boolean): RuleCheck
}

/** Rules by the name used in rule strings. */
export type RuleSet = Readonly<Record<string, RuleDefinition>>

// Validation failures are expected input, not bugs: a stack trace per failure would cost more
// than the whole check.
const YUP_OPTIONS = { disableStackTrace: true } as const

/** A check that passes when a yup schema built once accepts the value. */
export function byYup (schema: Schema): (value: unknown) => boolean {
  return (value) => schema.isValidSync(value, YUP_OPTIONS)
}

// yup's own number cast accepts '0x10', 'Infinity' and '1 2'; forms get plain decimals only.
export function formNumber () {
  return number().transform((_value: unknown, original: unknown) => toNumber(original))
}

/** Builds a rule with no arguments from its check and message. */
export function simple (test: RuleCheck['test'], message: (label: string) => string): RuleDefinition {
  return { checkArgs: noArgs, build: () => ({ test, message }) }
}

export function noArgs (args: readonly string[]): string | undefined {
  return args.length === 0 ? undefined : 'takes no arguments'
}

export function isNumeric (arg: string | undefined): boolean {
  return arg !== undefined && arg !== '' && Number.isFinite(Number(arg))
}

export function oneNumber (example: string) {
  return (args: readonly string[]) => args.length === 1 && isNumeric(args[0]) ? undefined : `needs one number, as in '${example}'`
}

export function twoNumbers (example: string) {
  return (args: readonly string[]): string | undefined => {
    if (args.length !== 2 || !isNumeric(args[0]) || !isNumeric(args[1])) return `needs two numbers, as in '${example}'`
    return Number(args[0]) > Number(args[1]) ? 'has its minimum above its maximum' : undefined
  }
}

export function someValues (example: string) {
  return (args: readonly string[]) => args.length > 0 && !(args.length === 1 && args[0] === '') ? undefined : `needs at least one value, as in '${example}'`
}

/** For rules whose argument is everything after the colon: it must not be empty. */
export function oneText (example: string) {
  return (args: readonly string[]) => args.length === 1 && args[0] !== '' ? undefined : `needs a value, as in '${example}'`
}

export function otherField (example: string) {
  return (args: readonly string[]) => args.length === 1 && args[0] !== '' ? undefined : `needs the name of another field, as in '${example}'`
}

export function someFields (example: string) {
  return (args: readonly string[]) => args.length > 0 && args.every((arg) => arg !== '') ? undefined : `needs the names of other fields, as in '${example}'`
}

/** Whether two fields hold the same value (===); `other` is a dotted path. */
export function sameValue (value: unknown, data: unknown, other: string): boolean {
  return value === getPath(data, other)
}

/**
 * Whether the field named `other` counts as given for the rules that depend on it (same and the
 * required_* family): any value but undefined, null, '', false and 0, as in AdonisJs 3.
 */
export function otherGiven (data: unknown, other: string): boolean {
  return Boolean(getPath(data, other))
}

/** The text form of a value that has one (strings, numbers, booleans); undefined for objects and arrays. */
export function textOf (value: unknown): string | undefined {
  const type = typeof value
  return type === 'string' || type === 'number' || type === 'boolean' ? String(value) : undefined
}
