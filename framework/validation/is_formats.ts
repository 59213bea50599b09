/**
 * Validator.is: the text format checks (email, url, ip, phone, credit card...), each linear in
 * the length of the value. Patterns given to regex run on RE2 (see pattern.ts).
 */
import { isEmail, isIPv4, isIPv6, isIp, isUrl } from './formats'
import { toLinearPattern } from './pattern'
import { textOf } from './rule_kit'

// 10 digits, optionally in groups 3-3-4 separated by '-' or '.': '123-559-9809'.
const PHONE = /^\d{3}[-.]?\d{3}[-.]?\d{4}$/
// Visa, MasterCard, American Express, Diners Club, Discover and JCB numbers, by prefix and length.
const CREDIT_CARD = /^(?:4\d{12}(?:\d{3})?|5[1-5]\d{14}|3[47]\d{13}|3(?:0[0-5]|[68]\d)\d{11}|6(?:011|5\d{2})\d{12}|(?:2131|1800|35\d{3})\d{11})$/
const AFFIRMATIVE = new Set(['yes', 'true', 'y', 'ok', 'okay'])

/** The text format checks, by name. */
export const FORMAT_CHECKS = {
  /** Whether the text of a value contains a match of the pattern (a RegExp or a pattern string), run on RE2. */
  regex: (value: unknown, pattern: RegExp | string): boolean => {
    const text = textOf(value)
    return text !== undefined && toLinearPattern(pattern).matcher(text).find()
  },
  url: (value: unknown): boolean => isUrl(value),
  email: (value: unknown): boolean => isEmail(value),
  /** A 10-digit phone number, the whole value: '1235599809', '123-559-9809', '123.559.9809'. */
  phone: (value: unknown): boolean => {
    const text = textOf(value)
    return text !== undefined && text.length <= 12 && PHONE.test(text)
  },
  /** A card number of a known network by its prefix and length, dashes allowed ('4444-4444-4444-4444'); no checksum. */
  creditCard: (value: unknown): boolean => {
    const text = textOf(value)
    return text !== undefined && text.length <= 30 && CREDIT_CARD.test(text.replaceAll('-', ''))
  },
  /** Letters only, in any script. */
  alpha: (value: unknown): boolean => typeof value === 'string' && /^[\p{L}\p{M}]+$/u.test(value),
  /** Letters and digits only, in any script; numbers count by their digits. */
  alphaNumeric: (value: unknown): boolean => {
    const text = textOf(value)
    return text !== undefined && /^[\p{L}\p{M}\p{Nd}]+$/u.test(text)
  },
  /** 'yes', 'true', 'y', 'ok', 'okay' (any case) or 'A'. */
  affirmative: (value: unknown): boolean => typeof value === 'string' && (value === 'A' || (value.length <= 5 && AFFIRMATIVE.has(value.toLowerCase()))),
  ipv4: (value: unknown): boolean => isIPv4(value),
  ipv6: (value: unknown): boolean => isIPv6(value),
  ip: (value: unknown): boolean => isIp(value),
}
