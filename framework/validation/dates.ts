/**
 * Dates as rules read them: a Date, an ISO date string, or a date string Date.parse reads
 * without stray words; and the calendar arithmetic of after_offset_of and before_offset_of.
 * A date without a zone is a time on the server's clock, as moment (behind AdonisJs 3) read it.
 */

/** Longer than any date a person writes ('Wednesday, September 30, 2020 10:00:00.000 PM GMT+02:00'). */
export const DATE_MAX_LENGTH = 100

// YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time and a zone: what <input type="date">,
// "datetime-local" and Date#toISOString produce.
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/i

// Words Date.parse understands. V8 also accepts dates with any other words mixed in
// ('hello 12' is December 2001), which no person means as a date.
const DATE_WORDS = new Set([
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'am', 'pm', 't', 'z', 'gmt', 'utc', 'ut', 'est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt',
])

/** The moment a value names, in milliseconds since 1970, or NaN when it is not a date. Numbers are not dates. */
export function toTimestamp (value: unknown): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value !== 'string' || value.length > DATE_MAX_LENGTH) return Number.NaN
  const text = value.trim()
  const iso = ISO_DATE.exec(text)
  if (iso) return isoTimestamp(iso)
  if (!/\d/.test(text) || /^\d+$/.test(text)) return Number.NaN
  const words = text.toLowerCase().match(/[a-z]+/g)
  if (words !== null && !words.every((word) => DATE_WORDS.has(word))) return Number.NaN
  return Date.parse(text)
}

/** Whether a value is a valid Date, an ISO date string, or a date string Date.parse understands. */
export function isDate (value: unknown): boolean {
  return !Number.isNaN(toTimestamp(value))
}

// Date.parse rolls '2020-02-30' over to March 1st; a form should reject it instead.
function isoTimestamp (parts: RegExpExecArray): number {
  const year = Number(parts[1])
  const month = Number(parts[2] ?? 1)
  const day = Number(parts[3] ?? 1)
  const hour = Number(parts[4] ?? 0)
  const minute = Number(parts[5] ?? 0)
  const second = Number(parts[6] ?? 0)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN
  const millisecond = parts[7] === undefined ? 0 : Math.floor(Number(`0${parts[7]}`) * 1000)
  const zone = parts[8]
  if (zone === undefined) {
    const local = new Date(2000, month - 1, day, hour, minute, second, millisecond)
    // new Date(50, ...) means 1950; the year is set on its own so '0050' stays year 50.
    local.setFullYear(year, month - 1, day)
    return local.getTime()
  }
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond))
  utc.setUTCFullYear(year, month - 1, day)
  return utc.getTime() - zoneOffsetMinutes(zone) * 60_000
}

function zoneOffsetMinutes (zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))
  return zone.startsWith('-') ? -minutes : minutes
}

/** The days of a month (1-12) of a year. */
export function daysInMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Offset units as moment named them, singular, plural or short: 'months', 'month', 'M'. */
const UNITS: Readonly<Record<string, string>> = {
  y: 'year',
  year: 'year',
  years: 'year',
  Q: 'quarter',
  quarter: 'quarter',
  quarters: 'quarter',
  M: 'month',
  month: 'month',
  months: 'month',
  w: 'week',
  week: 'week',
  weeks: 'week',
  d: 'day',
  day: 'day',
  days: 'day',
  h: 'hour',
  hour: 'hour',
  hours: 'hour',
  m: 'minute',
  minute: 'minute',
  minutes: 'minute',
  s: 'second',
  second: 'second',
  seconds: 'second',
  ms: 'millisecond',
  millisecond: 'millisecond',
  milliseconds: 'millisecond',
}

/** The offset units after_offset_of and before_offset_of take, for error messages. */
export const OFFSET_UNITS = 'years, quarters, months, weeks, days, hours, minutes, seconds, milliseconds (or y, Q, M, w, d, h, m, s, ms)'

/** Whether `unit` names an offset unit. */
export function isOffsetUnit (unit: string): boolean {
  return Object.hasOwn(UNITS, unit)
}

const MILLISECONDS: Readonly<Record<string, number>> = { hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1 }

/**
 * `from` moved by `amount` units on the server's calendar: a month after January 31st is the
 * last day of February, as moment counted; days and weeks keep the time of day across a DST change.
 */
export function addOffset (from: Date, amount: number, unit: string): Date {
  const name = UNITS[unit]!
  const date = new Date(from.getTime())
  if (name in MILLISECONDS) return new Date(date.getTime() + amount * MILLISECONDS[name]!)
  if (name === 'day' || name === 'week') {
    date.setDate(date.getDate() + amount * (name === 'week' ? 7 : 1))
    return date
  }
  const months = amount * (name === 'year' ? 12 : name === 'quarter' ? 3 : 1)
  const day = date.getDate()
  date.setDate(1)
  date.setMonth(date.getMonth() + months)
  date.setDate(Math.min(day, daysInMonth(date.getFullYear(), date.getMonth() + 1)))
  return date
}

/** 'YYYY-MM-DD' of a moment on the server's calendar. */
export function calendarDay (timestamp: number): string {
  const date = new Date(timestamp)
  const pad = (number: number) => String(number).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
