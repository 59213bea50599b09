/**
 * The Validator: checks request data against rule strings or yup schemas and resolves to a
 * result whose messages a view loops over; plus AdonisJs 3's extend, is, sanitize and sanitizor.
 *
 *   const validation = yield Validator.validate({ email: 'required|email' }, request.all())
 *   if (validation.fails()) ... validation.messages()  // [{ field, validation, message }]
 *
 * `Validator` takes (rules, data), as the seed page writes it. `ValidatorV3` takes (data, rules),
 * AdonisJs 3's real order, for apps that migrate; the two share everything else. The order is
 * never guessed from the values: request data can be made to look like rules.
 */
import type { Schema } from 'yup'
import { extendRule, type CustomRuleFunction } from './custom_rules'
import { is, type IsChecks } from './is'
import { run } from './runner'
import { sanitize, type SanitizationRules } from './sanitize'
import { sanitizor, type Sanitizor } from './sanitizor'
import type { MessageTemplate, Messages, Rules } from './types'
import type { ValidationResult } from './validation_result'

/** What Validator and ValidatorV3 share: custom rules, raw checks and sanitization. */
export interface ValidatorExtras {
  /**
   * Adds a rule, named in rule strings in snake_case: `fn(data, field, message, args, get)`
   * returns a promise that rejects to fail (with the message, or a string of its own) and
   * resolves to pass, or a boolean. `message` is its default message template.
   */
  extend (name: string, fn: CustomRuleFunction, message?: MessageTemplate): void
  /** The raw checks: `Validator.is.email(value)`, `Validator.is.extend(name, fn)`. */
  readonly is: IsChecks
  /** A sanitized copy of the data: `Validator.sanitize(request.all(), { email: 'normalize_email' })`. */
  sanitize<T> (data: T, rules: SanitizationRules): T
  /** The filters: `Validator.sanitizor.slug(value)`, `Validator.sanitizor.extend(name, fn)`. */
  readonly sanitizor: Sanitizor
}

const extras: ValidatorExtras = { extend: extendRule, is, sanitize, sanitizor }

/** Validates data against rules given first; both methods return promises, so `yield` and `await` both work. */
export const Validator = Object.freeze({
  /** Checks every field, reporting the first failing rule of each. */
  validate (rules: Rules | Schema, data: unknown, messages?: Messages): Promise<ValidationResult> {
    return run(rules, data, messages, false)
  },

  /** Checks every field, reporting every failing rule. */
  validateAll (rules: Rules | Schema, data: unknown, messages?: Messages): Promise<ValidationResult> {
    return run(rules, data, messages, true)
  },
  ...extras,
})

/** The Validator with AdonisJs 3's argument order, data first: `import { ValidatorV3 as Validator } from 'adonis-lite'`. */
export const ValidatorV3 = Object.freeze({
  /** Checks every field, reporting the first failing rule of each. */
  validate (data: unknown, rules: Rules | Schema, messages?: Messages): Promise<ValidationResult> {
    return run(rules, data, messages, false)
  },

  /** Checks every field, reporting every failing rule. */
  validateAll (data: unknown, rules: Rules | Schema, messages?: Messages): Promise<ValidationResult> {
    return run(rules, data, messages, true)
  },
  ...extras,
})
