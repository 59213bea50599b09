/**
 * Rule strings into rule names and arguments: 'required|min:6' and ['required', 'regex:^(a|b)$'].
 * Every mistake is found here, on the first validation with those rules, and names the field
 * and the rule.
 */
import { E_INVALID_VALIDATION_RULE, E_UNKNOWN_VALIDATION_RULE } from '../errors'
import { customRuleNames, isCustomRule, RULE_NAME } from './custom_rules'
import { RULES, RULE_NAMES } from './rules'
import type { ParsedRule } from './types'

// Request data given where the rules go looks like rules with odd names: say what the order is.
const ORDER_HINT = ". If these are the request's values, the arguments are swapped: Validator.validate takes (rules, data); " +
  'ValidatorV3.validate takes (data, rules) as AdonisJs 3 did'

// A '|' inside a regex pattern splits the string form in two; say so instead of only
// reporting the confusing half.
const PIPE_HINT = ". If the regex pattern contains '|', give the rules as an array: ['required', 'regex:^(a|b)$']"

/** The rules of one field, parsed and checked against the known rules and their arguments. */
export function parseRules (field: string, rules: string | readonly string[]): ParsedRule[] {
  if (typeof rules === 'string') return parseRuleString(field, rules)
  return rules.map((rule) => {
    if (typeof rule !== 'string') throw E_INVALID_VALIDATION_RULE(field, String(rule), 'must be a string such as \'min:6\'')
    if (!rule.trimStart().startsWith('regex:') && rule.includes('|')) {
      throw E_INVALID_VALIDATION_RULE(field, rule, 'holds several rules: give one rule per array element')
    }
    return parseRule(field, rule, '')
  })
}

function parseRuleString (field: string, rules: string): ParsedRule[] {
  if (rules.trim() === '') return []
  const segments = rules.split('|')
  const parsed: ParsedRule[] = []
  let afterRegex = false
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!
    const isRegex = segment.trimStart().startsWith('regex:')
    const cutShort = isRegex && index < segments.length - 1
    if (segment.trim() === '') throw E_INVALID_VALIDATION_RULE(field, rules, "has an empty rule: remove the extra '|'")
    parsed.push(parseRule(field, segment, afterRegex || cutShort ? PIPE_HINT : ''))
    afterRegex ||= isRegex
  }
  return parsed
}

/** One rule: 'between:18,120' -> { name: 'between', args: ['18', '120'] }; a regex keeps its pattern whole. */
function parseRule (field: string, rule: string, hint: string): ParsedRule {
  const text = rule.trim()
  const colon = text.indexOf(':')
  const name = (colon === -1 ? text : text.slice(0, colon)).trim()
  if (!RULE_NAME.test(name)) throw E_INVALID_VALIDATION_RULE(field, text, `is not a rule name such as 'required' or 'min:6'${hint || ORDER_HINT}`)
  const rest = colon === -1 ? undefined : text.slice(colon + 1)
  if (isCustomRule(name)) return { name, args: rest === undefined ? [] : rest.split(',').map((arg) => arg.trim()) }
  const definition = Object.hasOwn(RULES, name) ? RULES[name] : undefined
  if (definition === undefined) {
    const known = [...RULE_NAMES, ...customRuleNames()]
    if (hint) throw E_INVALID_VALIDATION_RULE(field, text, `is not a known rule (known rules: ${known.join(', ')})${hint}`)
    throw E_UNKNOWN_VALIDATION_RULE(field, name, known)
  }
  // Commas separate arguments, except for rules whose argument is everything after the colon (regex, date_format...).
  const args = rest === undefined ? [] : definition.wholeArgument === true ? [rest.trim()] : rest.split(',').map((arg) => arg.trim())
  const problem = definition.checkArgs(args)
  if (problem !== undefined) throw E_INVALID_VALIDATION_RULE(field, text, problem + hint)
  return { name, args }
}
