/**
 * Validator.is: the date checks. Values are read as the date rule reads them (a Date, an ISO
 * string, a date Date.parse reads); days are days on the server's calendar, as AdonisJs 3
 * counted them.
 */
import { compileDateFormat, matchesDateFormat, type DateFormat } from './date_format'
import { addOffset, calendarDay, isOffsetUnit, OFFSET_UNITS, toTimestamp } from './dates'

/** The calendar day of a value ('2024-05-03'), or undefined when it is not a date. */
function dayOf (value: unknown): string | undefined {
  const timestamp = toTimestamp(value)
  return Number.isNaN(timestamp) ? undefined : calendarDay(timestamp)
}

const dayFromNow = (days: number) => calendarDay(addOffset(new Date(), days, 'days').getTime())

function offsetLimit (method: string, amount: unknown, unit: unknown, later: boolean): number {
  if (typeof unit !== 'string' || !isOffsetUnit(unit)) throw new TypeError(`Validator.is.${method}: '${String(unit)}' is not a unit; use ${OFFSET_UNITS}`)
  return addOffset(new Date(), (later ? 1 : -1) * Number(amount), unit).getTime()
}

const formats = new Map<string, DateFormat>()

function compiled (format: string): DateFormat {
  let found = formats.get(format)
  if (found === undefined) {
    try {
      found = compileDateFormat(format)
    } catch (error) {
      throw new TypeError(`Validator.is.dateFormat: format '${format}': ${(error as Error).message}`)
    }
    // Formats come from the app's code, not its visitors: a handful, kept for good.
    if (formats.size < 100) formats.set(format, found)
  }
  return found
}

/** The date checks, by name. */
export const DATE_CHECKS = {
  today: (value: unknown): boolean => dayOf(value) === dayFromNow(0),
  yesterday: (value: unknown): boolean => dayOf(value) === dayFromNow(-1),
  tomorrow: (value: unknown): boolean => dayOf(value) === dayFromNow(1),
  /** A day before today. */
  past: (value: unknown): boolean => (dayOf(value) ?? '\uffff') < dayFromNow(0),
  /** A day after today. */
  future: (value: unknown): boolean => (dayOf(value) ?? '') > dayFromNow(0),
  /** Later than the other date. */
  after: (value: unknown, date: unknown): boolean => toTimestamp(value) > toTimestamp(date),
  /** Earlier than the other date. */
  before: (value: unknown, date: unknown): boolean => toTimestamp(value) < toTimestamp(date),
  /** Later than now moved forward by the offset: afterOffsetOf(value, 12, 'months'). */
  afterOffsetOf: (value: unknown, amount: unknown, unit: unknown): boolean => toTimestamp(value) > offsetLimit('afterOffsetOf', amount, unit, true),
  /** Earlier than now moved back by the offset. */
  beforeOffsetOf: (value: unknown, amount: unknown, unit: unknown): boolean => toTimestamp(value) < offsetLimit('beforeOffsetOf', amount, unit, false),
  /** Written exactly in one of the moment-style formats ('YYYY-MM-DD'), as the date_format rule reads it. */
  dateFormat: (value: unknown, format: string | readonly string[]): boolean => {
    const list = typeof format === 'string' ? [format] : format
    return list.some((one) => matchesDateFormat(value, compiled(one)))
  },
  /** Strictly between two dates. */
  inDateRange: (value: unknown, min: unknown, max: unknown): boolean => {
    const timestamp = toTimestamp(value)
    return timestamp > toTimestamp(min) && timestamp < toTimestamp(max)
  },
}
