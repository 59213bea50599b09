/**
 * Rules about size: min, max, between and range (lengths, item counts or numeric values), and
 * above and under (numeric values).
 *
 * min and max measure the length of the text, as AdonisJs 3 did (a JSON 990 is 3 characters
 * long), unless the field also has `number` or `integer`. between and range keep what
 * docs/validation.md decided: measured like min and max for text, by value for numbers.
 */
import { toNumber } from './form_values'
import { oneNumber, twoNumbers, type RuleDefinition, type RuleSet } from './rule_kit'
import type { SizeKind } from './types'

/** How a value is measured, and its size: NaN when it has none (objects, text for a numeric field). */
interface Measured {
  kind: SizeKind
  size: number
}

/** min and max: items of a list, the value of a numeric field, else the length of the text. */
function byLength (value: unknown, numeric: boolean): Measured {
  if (Array.isArray(value)) return { kind: 'array', size: value.length }
  if (numeric) return { kind: 'number', size: toNumber(value) }
  const type = typeof value
  const text = type === 'string' || type === 'number' || type === 'boolean' ? String(value) : undefined
  return { kind: 'string', size: text === undefined ? Number.NaN : text.length }
}

/** between and range: like min and max, except that a number is measured by its value. */
function byValue (value: unknown, numeric: boolean): Measured {
  return byLength(value, numeric || typeof value === 'number')
}

const UNIT: Record<SizeKind, string> = { string: ' characters', array: ' items', number: '' }

function sizePhrase (kind: SizeKind, bound: string, count: string): string {
  // 'at least 1 character', not '1 characters'.
  const unit = count === '1' ? UNIT[kind].slice(0, -1) : UNIT[kind]
  return kind === 'array' ? `must have ${bound} ${count}${unit}` : `must be ${bound} ${count}${unit}`
}

/** A size rule from how it measures, what it allows and how its message reads. */
function sized (
  checkArgs: RuleDefinition['checkArgs'],
  measure: (value: unknown, numeric: boolean) => Measured,
  allows: (size: number, limits: readonly number[]) => boolean,
  phrase: (kind: SizeKind, args: readonly string[]) => string
): RuleDefinition {
  return {
    checkArgs,
    build: (args, numeric) => {
      const limits = args.map(Number)
      return {
        test: (value) => allows(measure(value, numeric).size, limits),
        message: (label, value) => `The ${label} field ${phrase(measure(value, numeric).kind, args)}.`,
      }
    },
  }
}

const between = sized(twoNumbers('between:18,120'), byValue, (size, [low, high]) => size >= low! && size <= high!,
  (kind, [low, high]) => sizePhrase(kind, 'between', `${low} and ${high}`))

/** The rules of this family, by name. */
export const SIZE_RULES: RuleSet = {
  min: sized(oneNumber('min:6'), byLength, (size, [low]) => size >= low!, (kind, [low]) => sizePhrase(kind, 'at least', low!)),
  max: sized(oneNumber('max:20'), byLength, (size, [high]) => size <= high!, (kind, [high]) => sizePhrase(kind, 'at most', high!)),
  between,
  // AdonisJs 3's name for between, which it aliased.
  range: { ...between, checkArgs: twoNumbers('range:18,120') },
  above: {
    checkArgs: oneNumber('above:17'),
    build: ([limit]) => ({ test: (value) => toNumber(value) > Number(limit), message: (label) => `The ${label} field must be above ${limit}.` }),
  },
  under: {
    checkArgs: oneNumber('under:100'),
    build: ([limit]) => ({ test: (value) => toNumber(value) < Number(limit), message: (label) => `The ${label} field must be under ${limit}.` }),
  },
}
