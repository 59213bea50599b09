/**
 * date_format: whether a string is a date written exactly in a moment-style format
 * ('YYYY-MM-DD', 'DD/MM/YYYY HH:mm', 'MMMM D, YYYY'), read strictly as moment read it for
 * AdonisJs 3: every token takes its exact width, separators must match, impossible dates fail.
 * One pass over the input, each token a bounded number of characters.
 */
import { DATE_MAX_LENGTH, daysInMonth } from './dates'

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

type Part = 'year' | 'shortYear' | 'month' | 'day' | 'weekday' | 'hour' | 'hour12' | 'hour24' | 'minute' | 'second' | 'fraction' | 'meridiem' | 'zone'

interface Token {
  part: Part
  /** Digits: the least and most it takes; names: which list. */
  min: number
  max: number
  names?: readonly string[]
  short?: boolean
  /** 'Do': the day with its English ordinal suffix, 1st to 31st. */
  ordinal?: boolean
}

const digits = (part: Part, min: number, max: number): Token => ({ part, min, max })

/** The tokens date_format supports, longest first so 'MMMM' wins over 'MM'. */
const TOKENS: ReadonlyArray<[string, Token]> = [
  ['YYYY', digits('year', 4, 4)], ['YY', digits('shortYear', 2, 2)],
  ['MMMM', { part: 'month', min: 0, max: 0, names: MONTHS }], ['MMM', { part: 'month', min: 0, max: 0, names: MONTHS, short: true }],
  ['MM', digits('month', 2, 2)], ['M', digits('month', 1, 2)],
  ['Do', { ...digits('day', 1, 2), ordinal: true }], ['DD', digits('day', 2, 2)], ['D', digits('day', 1, 2)],
  ['dddd', { part: 'weekday', min: 0, max: 0, names: WEEKDAYS }], ['ddd', { part: 'weekday', min: 0, max: 0, names: WEEKDAYS, short: true }],
  ['HH', digits('hour', 2, 2)], ['H', digits('hour', 1, 2)], ['hh', digits('hour12', 2, 2)], ['h', digits('hour12', 1, 2)],
  ['kk', digits('hour24', 2, 2)], ['k', digits('hour24', 1, 2)],
  ['mm', digits('minute', 2, 2)], ['m', digits('minute', 1, 2)], ['ss', digits('second', 2, 2)], ['s', digits('second', 1, 2)],
  ['SSS', digits('fraction', 3, 3)], ['SS', digits('fraction', 2, 2)], ['S', digits('fraction', 1, 1)],
  ['A', { part: 'meridiem', min: 0, max: 0 }], ['a', { part: 'meridiem', min: 0, max: 0 }],
  ['ZZ', { part: 'zone', min: 0, max: 0 }], ['Z', { part: 'zone', min: 0, max: 0 }],
]

// Letters moment reads as tokens that date_format does not support: refused rather than
// silently taken as literal text that no input matches.
const OTHER_TOKEN_LETTERS = /[YMDdHhkmsSAaZzQWwGgEeXxNy]/

/** A compiled format: literal text and tokens, in order. */
export type DateFormat = ReadonlyArray<string | Token>

/** Compiles a format, or throws an Error saying which part is not supported. Text in [brackets] is literal. */
export function compileDateFormat (format: string): DateFormat {
  const parts: Array<string | Token> = []
  let index = 0
  while (index < format.length) {
    if (format[index] === '[') {
      const end = format.indexOf(']', index)
      if (end === -1) throw new Error(`'[' at position ${index + 1} is never closed`)
      parts.push(format.slice(index + 1, end))
      index = end + 1
      continue
    }
    const found = TOKENS.find(([text]) => format.startsWith(text, index))
    if (found) {
      parts.push(found[1])
      index += found[0].length
      continue
    }
    if (OTHER_TOKEN_LETTERS.test(format[index]!)) {
      throw new Error(`'${format[index]}' is a moment token that date_format does not support (supported: ${TOKENS.map(([text]) => text).join(' ')})`)
    }
    parts.push(format[index]!)
    index++
  }
  return parts
}

type Fields = Partial<Record<Part, number>>

/** Whether a string is written exactly in the format and names a real date and time. */
export function matchesDateFormat (value: unknown, format: DateFormat): boolean {
  if (typeof value !== 'string' || value.length > DATE_MAX_LENGTH) return false
  const fields: Fields = {}
  let position = 0
  for (const part of format) {
    const next = typeof part === 'string' ? (value.startsWith(part, position) ? position + part.length : -1) : readToken(value, position, part, fields)
    if (next < 0) return false
    position = next
  }
  return position === value.length && isRealDate(fields)
}

/** Reads one token at `position`; returns where it ends, or -1. */
function readToken (value: string, position: number, token: Token, fields: Fields): number {
  if (token.names !== undefined) return readName(value, position, token, fields)
  if (token.part === 'meridiem') return readMeridiem(value, position, fields)
  if (token.part === 'zone') return readZone(value, position)
  let end = position
  while (end < value.length && end - position < token.max && value[end]! >= '0' && value[end]! <= '9') end++
  if (end - position < token.min) return -1
  fields[token.part] = Number(value.slice(position, end))
  if (token.ordinal !== true) return end
  return /^(?:st|nd|rd|th)$/.test(value.slice(end, end + 2)) ? end + 2 : -1
}

function readName (value: string, position: number, token: Token, fields: Fields): number {
  const rest = value.slice(position, position + 9).toLowerCase()
  const index = token.names!.findIndex((name) => rest.startsWith(token.short === true ? name.slice(0, 3) : name))
  if (index === -1) return -1
  fields[token.part] = token.part === 'month' ? index + 1 : index
  return position + (token.short === true ? 3 : token.names![index]!.length)
}

function readMeridiem (value: string, position: number, fields: Fields): number {
  const text = value.slice(position, position + 2).toLowerCase()
  if (text !== 'am' && text !== 'pm') return -1
  fields.meridiem = text === 'pm' ? 12 : 0
  return position + 2
}

function readZone (value: string, position: number): number {
  if (value[position] === 'Z') return position + 1
  const zone = /^[+-]\d\d:?\d\d/.exec(value.slice(position, position + 6))
  return zone === null ? -1 : position + zone[0].length
}

function isRealDate (fields: Fields): boolean {
  const now = new Date()
  const year = fields.year ?? (fields.shortYear === undefined ? now.getFullYear() : fields.shortYear + (fields.shortYear > 68 ? 1900 : 2000))
  const month = fields.month ?? 1
  const day = fields.day ?? 1
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  if (!timeValid(fields)) return false
  if (fields.weekday === undefined || fields.day === undefined) return true
  return new Date(year, month - 1, day).getDay() === fields.weekday
}

function timeValid (fields: Fields): boolean {
  if (fields.hour !== undefined && fields.hour > 23) return false
  if (fields.hour12 !== undefined && (fields.hour12 < 1 || fields.hour12 > 12)) return false
  if (fields.hour24 !== undefined && (fields.hour24 < 1 || fields.hour24 > 24)) return false
  return (fields.minute ?? 0) <= 59 && (fields.second ?? 0) <= 59
}
