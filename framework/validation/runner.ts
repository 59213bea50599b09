/**
 * One validation: the compiled rules run against the data, failures collected in field order.
 * Rule strings run synchronously; yup schemas and rules added with Validator.extend make the
 * fields that use them asynchronous, and every field still reports in the order of the rules.
 */
import { isSchema, type Schema } from 'yup'
import { getPath } from '../support/object_path'
import { customRuleMessage, runCustomRule } from './custom_rules'
import { isEmpty } from './form_values'
import { customMessage, renderMessage } from './messages'
import { compileRules, type CompiledField, type CompiledRules } from './rule_compiler'
import type { CompiledRule, Messages, Rules, ValidationMessage } from './types'
import { PASSED, ValidationResult } from './validation_result'
import { schemaErrors, sortBySchema, toValidationMessage } from './yup_schema'

/**
 * Validates data; `all` reports every failing rule, else the first of each field. A mistake in
 * the rules rejects the promise rather than throwing, so `yield`/`await` callers see it where
 * they handle every other failure.
 */
export function run (rules: Rules | Schema, data: unknown, messages: Messages | undefined, all: boolean): Promise<ValidationResult> {
  try {
    if (isSchema(rules)) return validateWithSchema(rules as Schema, data, messages, all)
    const compiled = compileRules(rules as Rules)
    if (compiled.async) return validateMixed(compiled, data, messages, all)
    return Promise.resolve(resultOf(checkFields(compiled.fields, data, messages, all)))
  } catch (error) {
    return Promise.reject(error)
  }
}

function resultOf (failures: ValidationMessage[] | undefined): ValidationResult {
  return failures === undefined || failures.length === 0 ? PASSED : new ValidationResult(failures)
}

/** Runs rule-string fields in order, appending failures; allocates nothing when all pass. */
function checkFields (
  fields: readonly CompiledField[], data: unknown, messages: Messages | undefined, all: boolean,
  failures?: ValidationMessage[]
): ValidationMessage[] | undefined {
  for (const field of fields) {
    const value = getPath(data, field.field)
    // An empty value was not given: only `required` and its family have anything to say about it.
    const empty = isEmpty(value)
    for (const rule of field.rules) {
      if ((empty && !rule.implicit) || rule.test(value, data, field.field)) continue
      failures ??= []
      failures.push(failureOf(field, rule, messageOf(field, rule, value, messages)))
      if (!all) break
    }
  }
  return failures
}

/** A field with rules added by Validator.extend: its rules run one after the other, in order. */
async function checkFieldAsync (field: CompiledField, data: unknown, messages: Messages | undefined, all: boolean): Promise<ValidationMessage[]> {
  const value = getPath(data, field.field)
  const empty = isEmpty(value)
  const failures: ValidationMessage[] = []
  for (const rule of field.rules) {
    if (empty && !rule.implicit) continue
    const message = rule.custom
      ? await runCustomRule(rule.name, data, field.field, messageOf(field, rule, value, messages), rule.args)
      : rule.test(value, data, field.field) ? undefined : messageOf(field, rule, value, messages)
    if (message === undefined) continue
    failures.push(failureOf(field, rule, message))
    if (!all) break
  }
  return failures
}

/** The message of a failed rule: from the messages argument, else given to Validator.extend, else the rule's own. */
function messageOf (field: CompiledField, rule: CompiledRule, value: unknown, messages: Messages | undefined): string {
  const template = customMessage(messages, field.field, rule.name) ?? (rule.custom ? customRuleMessage(rule.name) : undefined)
  if (template === undefined) return rule.message(field.label, value)
  return renderMessage(template, { field: field.field, label: field.label, validation: rule.name, args: rule.args })
}

function failureOf (field: CompiledField, rule: CompiledRule, message: string): ValidationMessage {
  return Object.freeze({ field: field.field, validation: rule.name, message })
}

/** Rules objects where some fields are asynchronous: those run concurrently, messages stay in field order. */
async function validateMixed (compiled: CompiledRules, data: unknown, messages: Messages | undefined, all: boolean): Promise<ValidationResult> {
  const perField = await Promise.all(compiled.fields.map(async (field) => {
    if (field.schema === undefined) {
      return field.rules.some((rule) => rule.custom) ? checkFieldAsync(field, data, messages, all) : checkFields([field], data, messages, all) ?? []
    }
    const errors = await schemaErrors(field.schema, getPath(data, field.field), data, field.field)
    const failures = errors.map((error) => toValidationMessage(error, messages, field.field))
    return firstPerField(sortBySchema(field.schema, failures, field.field), all)
  }))
  return resultOf(perField.flat())
}

/** A yup schema for the whole data, validated with every error collected. */
async function validateWithSchema (schema: Schema, data: unknown, messages: Messages | undefined, all: boolean): Promise<ValidationResult> {
  // No input at all is empty input, as with rule strings, not a "cannot be null" failure.
  const input = data ?? {}
  const errors = await schemaErrors(schema, input, input)
  const failures = errors.map((error) => toValidationMessage(error, messages, ''))
  return resultOf(firstPerField(sortBySchema(schema, failures), all))
}

// `validate` reports one failure per field: the first, in the schema's order of tests.
function firstPerField (failures: ValidationMessage[], all: boolean): ValidationMessage[] {
  if (all) return failures
  const seen = new Set<string>()
  return failures.filter((failure) => {
    if (seen.has(failure.field)) return false
    seen.add(failure.field)
    return true
  })
}
