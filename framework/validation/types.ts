/**
 * The shapes the Validator works with: the rules an app writes, the messages it may override,
 * and what a failed validation reports back.
 */
import type { Schema } from 'yup'

/** The rules of one field: `'required|email'`, `['required', 'regex:^(a|b)$']`, or a yup schema. */
export type FieldRules = string | readonly string[] | Schema

/** Rules by field name, in the order their messages are reported; dotted names reach nested values. */
export type Rules = Readonly<Record<string, FieldRules>>

/** A custom message: a template using `{{ field }}`, `{{ label }}`, `{{ validation }}`, `{{ argument.0 }}`, or a function. */
export type MessageTemplate = string | ((field: string, validation: string, args: readonly string[]) => string)

/** Custom messages keyed by `'field.rule'` (wins) or by `'rule'`. */
export type Messages = Readonly<Record<string, MessageTemplate>>

/** One failure, as `validation.messages()` lists it and a view loops over it. */
export interface ValidationMessage {
  field: string
  validation: string
  message: string
}

/** How `min`, `max` and `between` measure a value: its length, its item count or its numeric value. */
export type SizeKind = 'string' | 'array' | 'number'

/** A rule name and its arguments, as written: `'between:18,120'` -> `{ name: 'between', args: ['18', '120'] }`. */
export interface ParsedRule {
  name: string
  args: string[]
}

/** A rule ready to run: how it checks a value and what it says when the value fails. */
export interface CompiledRule {
  readonly name: string
  readonly args: readonly string[]
  /** Whether it also runs on an empty value ('', null, undefined): required, required_*, and rules added with Validator.extend. */
  readonly implicit: boolean
  /** Whether it was added with Validator.extend: it runs asynchronously, through runCustomRule, instead of `test`. */
  readonly custom: boolean
  /** Whether the value passes; `data` and `field` serve the rules that compare with other fields. */
  test (value: unknown, data: unknown, field: string): boolean
  /** The default message, given the humanised field name. */
  message (label: string, value: unknown): string
}

export type { ValidationResult } from './validation_result'
