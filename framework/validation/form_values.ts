/**
 * How the Validator reads values the way forms post them: everything arrives as a string, an
 * empty input arrives as '', and numbers, booleans and dates arrive in their string forms.
 */

/** Whether a value counts as not given: absent, null or an empty string. Only `required` checks these. */
export function isEmpty (value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

/** Whether `required` is satisfied: given, and not an empty list either. */
export function isFilled (value: unknown): boolean {
  return !isEmpty(value) && !(Array.isArray(value) && value.length === 0)
}

// Plain decimal notation only: '0x10', 'Infinity' and '1 000' are not numbers a person types.
// Each character can match one way only: `\d+\.?\d*` would split a run of digits in every
// possible way before failing, quadratic in its length.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/** A number, or a numeric string as a form posts it ('42', ' -3.5 ', '1e3'); NaN for anything else. */
export function toNumber (value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN
  if (typeof value !== 'string') return Number.NaN
  const trimmed = value.trim()
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN
}

// AdonisJs 3 accepted every value but false and 0; the words a form or a client sends for
// "no" are refused too, so an unticked box sent as 'false' or 'off' is never taken for a yes.
const REFUSED = new Set(['false', '0', 'off', 'no'])

/** Whether a checkbox-like value means yes: any value but false, 0, and the strings 'false', '0', 'off' and 'no' (any case). */
export function isAccepted (value: unknown): boolean {
  if (value === false || value === 0) return false
  return typeof value !== 'string' || !REFUSED.has(value.trim().toLowerCase())
}
