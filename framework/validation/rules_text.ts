/**
 * Rules about the text of a value: formats (email, url, ip), letters, patterns and substrings.
 * Each runs in time linear in the value (see formats.ts and pattern.ts).
 */
import { string } from 'yup'
import { isEmail, isIPv4, isIPv6, isIp, isUrl } from './formats'
import { compilePattern, matchesPattern, patternProblem } from './pattern'
import { byYup, oneText, simple, textOf, type RuleDefinition, type RuleSet } from './rule_kit'

/** includes, starts_with, ends_with: the argument is everything after the colon, commas included. */
function substring (example: string, holds: (text: string, part: string) => boolean, phrase: string): RuleDefinition {
  return {
    wholeArgument: true,
    checkArgs: oneText(example),
    build: ([part]) => ({
      test: (value) => {
        const text = textOf(value)
        return text !== undefined && holds(text, part!)
      },
      message: (label) => `The ${label} field must ${phrase} ${part}.`,
    }),
  }
}

/** The rules of this family, by name. */
export const TEXT_RULES: RuleSet = {
  email: simple(isEmail, (label) => `The ${label} field must be a valid email address.`),
  url: simple(isUrl, (label) => `The ${label} field must be a valid URL.`),
  ip: simple(isIp, (label) => `The ${label} field must be a valid IP address.`),
  ipv4: simple(isIPv4, (label) => `The ${label} field must be a valid IPv4 address.`),
  ipv6: simple(isIPv6, (label) => `The ${label} field must be a valid IPv6 address.`),
  alpha: simple(byYup(string().matches(/^[\p{L}\p{M}]+$/u)), (label) => `The ${label} field may only contain letters.`),
  alpha_numeric: simple(byYup(string().matches(/^[\p{L}\p{M}\p{Nd}]+$/u)),
    (label) => `The ${label} field may only contain letters and numbers.`),
  regex: {
    wholeArgument: true,
    checkArgs: patternProblem,
    build: (args) => ({ test: matchesPattern(compilePattern(args[0]!)), message: (label) => `The ${label} field format is invalid.` }),
  },
  includes: substring('includes:@', (text, part) => text.includes(part), 'include'),
  starts_with: substring('starts_with:https://', (text, part) => text.startsWith(part), 'start with'),
  ends_with: substring('ends_with:.pdf', (text, part) => text.endsWith(part), 'end with'),
}
