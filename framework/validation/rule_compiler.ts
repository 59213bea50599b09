/**
 * A rules object into checks ready to run, compiled once: cached by the rules object itself
 * (the usual module-level `const rules = {...}`) and by rule string (rules built per request
 * reuse the compiled strings).
 */
import { isSchema, type Schema } from 'yup'
import { E_INVALID_VALIDATION_RULE } from '../errors'
import { humanise } from './messages'
import { parseRules } from './rule_parser'
import { isCustomRule } from './custom_rules'
import { NUMERIC_RULES, RULES } from './rules'
import type { CompiledRule, FieldRules, ParsedRule, Rules } from './types'

/** One field's compiled rules, or the yup schema given for it. */
export interface CompiledField {
  readonly field: string
  readonly label: string
  readonly source: FieldRules
  readonly rules: readonly CompiledRule[]
  readonly schema: Schema | undefined
}

/** A whole rules object, compiled; `async` when some field is a yup schema or uses a rule added with Validator.extend. */
export interface CompiledRules {
  readonly fields: readonly CompiledField[]
  readonly async: boolean
}

const byObject = new WeakMap<object, CompiledRules>()
const byRuleString = new Map<string, readonly CompiledRule[]>()

// Rule strings built from changing data would grow the cache forever; starting over is cheap.
const MAX_CACHED_STRINGS = 1000

/** The compiled form of a rules object, from the cache unless the object changed since. */
export function compileRules (rules: Rules): CompiledRules {
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    throw new TypeError("Validator: the rules must be an object such as { email: 'required|email' }, or a yup schema")
  }
  const cached = byObject.get(rules)
  if (cached !== undefined && unchanged(cached, rules)) return cached
  const fields = Object.keys(rules).map((field) => compileField(field, rules[field]!))
  const compiled = { fields, async: fields.some((field) => field.schema !== undefined || field.rules.some((rule) => rule.custom)) }
  byObject.set(rules, compiled)
  return compiled
}

// A rules object may be edited between calls; comparing its fields costs a few nanoseconds.
function unchanged (compiled: CompiledRules, rules: Rules): boolean {
  let index = 0
  for (const field in rules) {
    const known = compiled.fields[index++]
    if (known === undefined || known.field !== field || known.source !== rules[field]) return false
  }
  return index === compiled.fields.length
}

function compileField (field: string, source: FieldRules): CompiledField {
  const label = humanise(field)
  // 'items.*.name' would read a field literally named '*' and pass or fail every time, silently.
  if (field.split('.').includes('*')) {
    throw E_INVALID_VALIDATION_RULE(field, describeValue(source),
      'cannot be checked: field names with \'*\' are not supported. Give the list a yup schema instead: ' +
      `{ ${field.slice(0, field.indexOf('*')).replace(/\.$/, '') || 'items'}: yup.array(...) }`)
  }
  if (isSchema(source)) return { field, label, source, rules: [], schema: source as Schema }
  if (typeof source !== 'string' && !Array.isArray(source)) {
    throw E_INVALID_VALIDATION_RULE(field, describeValue(source),
      "must be a rule string such as 'required|email', an array of rule strings, or a yup schema")
  }
  return { field, label, source, rules: compileRuleList(field, source), schema: undefined }
}

/** A short printable form of whatever was given as rules, for error messages. */
function describeValue (value: unknown): string {
  let text: string
  try {
    text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
  } catch {
    // Cycles, or objects without toString: still name the kind of value.
    text = Object.prototype.toString.call(value)
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function compileRuleList (field: string, source: string | readonly string[]): readonly CompiledRule[] {
  const key = typeof source === 'string' ? source : `\u0000${source.join('\u0000')}`
  const cached = byRuleString.get(key)
  if (cached !== undefined) return cached
  const compiled = buildRules(parseRules(field, source))
  if (byRuleString.size >= MAX_CACHED_STRINGS) byRuleString.clear()
  byRuleString.set(key, compiled)
  return compiled
}

/** Builds each rule's check; `number` or `integer` anywhere in the list makes min/max/between numeric. */
function buildRules (parsed: readonly ParsedRule[]): readonly CompiledRule[] {
  const numeric = parsed.some((rule) => NUMERIC_RULES.has(rule.name))
  return Object.freeze(parsed.map(({ name, args }) => {
    if (isCustomRule(name)) return customRule(name, args)
    const definition = RULES[name]!
    const { test, message } = definition.build(args, numeric)
    return Object.freeze({ name, args: Object.freeze(args), implicit: definition.implicit === true, custom: false, test, message })
  }))
}

// An extended rule sees every value, empty ones too, as in AdonisJs 3; it is looked up by name
// when it runs, so extending the same name again replaces it everywhere.
function customRule (name: string, args: string[]): CompiledRule {
  return Object.freeze({
    name,
    args: Object.freeze(args),
    implicit: true,
    custom: true,
    test: () => true,
    // Used when neither the messages argument nor Validator.extend gave one.
    message: (label: string) => `The ${label} field is not valid.`,
  })
}
