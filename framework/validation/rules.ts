/**
 * Every built-in rule a rule string may name, gathered from its family: presence, types,
 * text, comparisons, sizes and dates. Rules added with Validator.extend live in custom_rules.ts.
 */
import { COMPARE_RULES } from './rules_compare'
import { DATE_RULES } from './rules_dates'
import { PRESENCE_RULES } from './rules_presence'
import { SIZE_RULES } from './rules_size'
import { TEXT_RULES } from './rules_text'
import { NUMERIC_RULES, TYPE_RULES } from './rules_types'
import type { RuleDefinition, RuleSet } from './rule_kit'

/** The built-in rules, by the name used in rule strings. */
export const RULES: RuleSet = Object.freeze({
  ...PRESENCE_RULES, ...TYPE_RULES, ...TEXT_RULES, ...COMPARE_RULES, ...SIZE_RULES, ...DATE_RULES,
})

/** The built-in rule names, sorted, for the error that reports an unknown one. */
export const RULE_NAMES: readonly string[] = Object.keys(RULES).sort()

export { compilePattern } from './pattern'
export { NUMERIC_RULES }
export type { RuleDefinition }
