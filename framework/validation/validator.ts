/**
 * The Validator: checks request data against rule strings or yup schemas and resolves to a
 * result whose messages a view loops over.
 *
 *   const validation = yield Validator.validate({ email: 'required|email' }, request.all())
 *   if (validation.fails()) ... validation.messages()  // [{ field, validation, message }]
 */
import { isSchema, type Schema } from 'yup'
import { getPath } from '../support/object_path'
import { isEmpty } from './form_values'
import { customMessage, renderMessage } from './messages'
import { compileRules, type CompiledField, type CompiledRules } from './rule_compiler'
import type { CompiledRule, Messages, Rules, ValidationMessage } from './types'
import { PASSED, ValidationResult } from './validation_result'
import { schemaErrors, sortBySchema, toValidationMessage } from './yup_schema'

/** Validates data against rules; both methods return promises, so `yield` and `await` both work. */
export const Validator = {
  /** Checks every field, reporting the first failing rule of each. */
  validate (rules: Rules | Schema, data: unknown, messages?: Messages): Promise<ValidationResult> {
    return run(rules, data, messages, false)
  },

  /** Checks every field, reporting every failing rule. */
  validateAll (rules: Rules | Schema, data: unknown, messages?: Messages): Promise<ValidationResult> {
    return run(rules, data, messages, true)
  },
}

// A mistake in the rules rejects the promise rather than throwing, so `yield`/`await` callers
// see it where they handle every other failure.
function run (rules: Rules | Schema, data: unknown, messages: Messages | undefined, all: boolean): Promise<ValidationResult> {
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
  failures?: ValidationMessage[],
): ValidationMessage[] | undefined {
  for (const field of fields) {
    const value = getPath(data, field.field)
    // An empty value was not given: only `required` has anything to say about it.
    const empty = isEmpty(value)
    for (const rule of field.rules) {
      if ((empty && !rule.implicit) || rule.test(value, data, field.field)) continue
      failures ??= []
      failures.push(failureOf(field, rule, value, messages))
      if (!all) break
    }
  }
  return failures
}

function failureOf (field: CompiledField, rule: CompiledRule, value: unknown, messages: Messages | undefined): ValidationMessage {
  const custom = customMessage(messages, field.field, rule.name)
  const message = custom === undefined
    ? rule.message(field.label, value)
    : renderMessage(custom, { field: field.field, label: field.label, validation: rule.name, args: rule.args })
  return Object.freeze({ field: field.field, validation: rule.name, message })
}

/** Rules objects where some fields are yup schemas: those run concurrently, messages stay in field order. */
async function validateMixed (compiled: CompiledRules, data: unknown, messages: Messages | undefined, all: boolean): Promise<ValidationResult> {
  const perField = await Promise.all(compiled.fields.map(async (field) => {
    if (field.schema === undefined) return checkFields([field], data, messages, all) ?? []
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
