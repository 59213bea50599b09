/**
 * Rules an app adds with `Validator.extend(name, fn, message)`, with AdonisJs 3's contract:
 * `fn(data, field, message, args, get)` returns a promise that rejects to fail (with the
 * message, or a message of its own) and resolves to pass; a plain boolean works too.
 */
import { E_INVALID_CUSTOM_RULE_RESULT, E_INVALID_VALIDATOR_EXTENSION } from '../errors'
import { getPath } from '../support/object_path'
import { RULES } from './rules'
import type { MessageTemplate } from './types'

/** Reads a dotted path (or a list of keys) from data, as lodash's get did for AdonisJs 3 rules. */
export type ValueGetter = (data: unknown, path: string | readonly string[], defaultValue?: unknown) => unknown

/** A rule function as Validator.extend takes it. */
export type CustomRuleFunction = (
  data: unknown, field: string, message: string, args: readonly string[], get: ValueGetter,
) => PromiseLike<unknown> | boolean

interface CustomRule {
  readonly fn: CustomRuleFunction
  readonly message: MessageTemplate | undefined
}

const custom = new Map<string, CustomRule>()

/** Rule names as rule strings write them: a letter, then letters, digits and underscores. */
export const RULE_NAME = /^[a-z][a-z0-9_]*$/

/** 'isAdult' and 'is-adult' -> 'is_adult': AdonisJs 3 keyed an extended rule's message by its snake_case name. */
export function snakeCase (name: string): string {
  return name.replace(/([a-z\d])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase()
}

/** Adds (or replaces) a rule; rule strings name it in snake_case. Built-in rules cannot be replaced. */
export function extendRule (name: unknown, fn: unknown, message?: MessageTemplate): void {
  const shown = String(name)
  if (typeof name !== 'string' || !RULE_NAME.test(snakeCase(name))) {
    throw E_INVALID_VALIDATOR_EXTENSION('Validator.extend', shown, "needs a rule name of letters, digits and underscores, such as 'unique' or 'is_adult'")
  }
  if (typeof fn !== 'function') {
    throw E_INVALID_VALIDATOR_EXTENSION('Validator.extend', shown, 'needs a function (data, field, message, args, get) as its second argument')
  }
  const ruleName = snakeCase(name)
  if (Object.hasOwn(RULES, ruleName)) {
    throw E_INVALID_VALIDATOR_EXTENSION('Validator.extend', shown, `cannot replace the built-in rule '${ruleName}': choose another name`)
  }
  custom.set(ruleName, { fn: fn as CustomRuleFunction, message })
}

/** Whether a rule of that name was added with Validator.extend. */
export function isCustomRule (name: string): boolean {
  return custom.has(name)
}

/** The message template given to Validator.extend for a rule, if any. */
export function customRuleMessage (name: string): MessageTemplate | undefined {
  return custom.get(name)?.message
}

/** The names of the rules added with Validator.extend, sorted. */
export function customRuleNames (): string[] {
  return [...custom.keys()].sort()
}

const get: ValueGetter = (data, path, defaultValue) => {
  const value = getPath(data, typeof path === 'string' ? path : path.join('.'))
  return value === undefined ? defaultValue : value
}

/**
 * Runs a custom rule; resolves to the failure message, or undefined when it passes. A rejection
 * with a string fails with that string as the message; a rejection with an Error is a fault
 * (a database down), not the visitor's mistake, and rejects the validation itself.
 */
export async function runCustomRule (name: string, data: unknown, field: string, message: string, args: readonly string[]): Promise<string | undefined> {
  const result = custom.get(name)!.fn(data, field, message, args, get)
  if (typeof result === 'boolean') return result ? undefined : message
  if (result === null || typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') {
    throw E_INVALID_CUSTOM_RULE_RESULT(name, field, describeResult(result))
  }
  try {
    await result
    return undefined
  } catch (reason) {
    if (reason instanceof Error) throw reason
    return typeof reason === 'string' ? reason : message
  }
}

function describeResult (result: unknown): string {
  if (result === undefined || result === null) return String(result)
  return typeof result === 'object' ? 'an object' : `${typeof result} ${String(result)}`
}
