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

const ACCEPTED = new Set<unknown>([true, 'true', 'on', 'yes', '1', 1])

/** Whether a checkbox-like value means yes: true, 'true', 'on', 'yes', '1' or 1. */
export function isAccepted (value: unknown): boolean {
  return ACCEPTED.has(value)
}

// YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time and a zone: what <input type="date">,
// "datetime-local" and Date#toISOString produce.
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/i

// Words Date.parse understands. V8 also accepts dates with any other words mixed in
// ('hello 12' is December 2001), which no person means as a date.
const DATE_WORDS = new Set([
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'am', 'pm', 't', 'z', 'gmt', 'utc', 'ut', 'est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt',
])

/** Longer than any date a person writes ('Wednesday, September 30, 2020 10:00:00.000 PM GMT+02:00'). */
export const DATE_MAX_LENGTH = 100

/** Whether a value is a valid Date, an ISO date string, or a date string Date.parse understands. */
export function isDate (value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime())
  if (typeof value !== 'string' || value.length > DATE_MAX_LENGTH) return false
  const text = value.trim()
  const iso = ISO_DATE.exec(text)
  if (iso) return isoPartsValid(iso)
  if (!/\d/.test(text) || /^\d+$/.test(text)) return false
  if (Number.isNaN(Date.parse(text))) return false
  const words = text.toLowerCase().match(/[a-z]+/g)
  return words === null || words.every((word) => DATE_WORDS.has(word))
}

// Date.parse rolls '2020-02-30' over to March 1st; a form should reject it instead.
function isoPartsValid (parts: RegExpExecArray): boolean {
  const year = Number(parts[1])
  const month = parts[2] === undefined ? 1 : Number(parts[2])
  const day = parts[3] === undefined ? 1 : Number(parts[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  if (parts[4] === undefined) return true
  return Number(parts[4]) <= 23 && Number(parts[5]) <= 59 && (parts[6] === undefined || Number(parts[6]) <= 59)
}

function daysInMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
