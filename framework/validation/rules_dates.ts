/**
 * Rules about dates: date, date_format, after, before, after_offset_of, before_offset_of.
 * Dates without a zone are read on the server's clock, as AdonisJs 3 read them.
 */
import { compileDateFormat, matchesDateFormat } from './date_format'
import { addOffset, isDate, isOffsetUnit, OFFSET_UNITS, toTimestamp } from './dates'
import { isNumeric, oneText, simple, type RuleDefinition, type RuleSet } from './rule_kit'

function oneDate (example: string) {
  return (args: readonly string[]) => args.length === 1 && !Number.isNaN(toTimestamp(args[0])) ? undefined : `needs a date, as in '${example}'`
}

function dateFormatProblem (args: readonly string[]): string | undefined {
  const problem = oneText('date_format:YYYY-MM-DD')(args)
  if (problem !== undefined) return problem
  try {
    compileDateFormat(args[0]!)
    return undefined
  } catch (error) {
    return `has a format date_format cannot read: ${(error as Error).message}`
  }
}

/** after and before: compared with the date in the rule. */
function comparedWith (later: boolean): RuleDefinition {
  const name = later ? 'after' : 'before'
  return {
    checkArgs: oneDate(`${name}:2024-01-31`),
    build: ([date]) => {
      const limit = toTimestamp(date)
      return {
        test: (value) => later ? toTimestamp(value) > limit : toTimestamp(value) < limit,
        message: (label) => `The ${label} field must be a date ${name} ${date}.`,
      }
    },
  }
}

function offsetProblem (args: readonly string[]): string | undefined {
  if (args.length === 2 && isNumeric(args[0]) && isOffsetUnit(args[1]!)) return undefined
  return `needs a number and a unit, as in 'after_offset_of:12,months'; units: ${OFFSET_UNITS}`
}

/** after_offset_of and before_offset_of: compared with now, moved forward or back, at the moment of each check. */
function offsetFromNow (later: boolean): RuleDefinition {
  return {
    checkArgs: offsetProblem,
    build: ([amount, unit]) => ({
      test: (value) => {
        const limit = addOffset(new Date(), later ? Number(amount) : -Number(amount), unit!).getTime()
        return later ? toTimestamp(value) > limit : toTimestamp(value) < limit
      },
      message: (label) => `The ${label} field must be a date more than ${amount} ${unit} ${later ? 'from now' : 'ago'}.`,
    }),
  }
}

/** The rules of this family, by name. */
export const DATE_RULES: RuleSet = {
  date: simple(isDate, (label) => `The ${label} field must be a valid date.`),
  date_format: {
    wholeArgument: true,
    checkArgs: dateFormatProblem,
    build: ([format]) => {
      const compiled = compileDateFormat(format!)
      return { test: (value) => matchesDateFormat(value, compiled), message: (label) => `The ${label} field must be a date written as ${format}.` }
    },
  },
  after: comparedWith(true),
  before: comparedWith(false),
  after_offset_of: offsetFromNow(true),
  before_offset_of: offsetFromNow(false),
}
