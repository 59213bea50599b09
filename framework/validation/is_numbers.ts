/**
 * Validator.is: the arithmetic and list checks. Numbers are read as the number rule reads them
 * (42, '42', ' -3.5 '); anything else is not a number and every check on it is false.
 * List checks use sets, so they take time linear in the lists, not their product.
 */
import { toNumber } from './form_values'

const isInteger = (value: unknown) => Number.isInteger(toNumber(value))

/** The arithmetic and list checks, by name. */
export const NUMBER_CHECKS = {
  /** Whether two values are identical (===). */
  same: (value: unknown, other: unknown): boolean => value === other,
  /** An even whole number. */
  even: (value: unknown): boolean => isInteger(value) && toNumber(value) % 2 === 0,
  /** An odd whole number. */
  odd: (value: unknown): boolean => isInteger(value) && Math.abs(toNumber(value) % 2) === 1,
  /** Zero or above, as AdonisJs 3 counted it. */
  positive: (value: unknown): boolean => toNumber(value) >= 0,
  /** Below zero. */
  negative: (value: unknown): boolean => toNumber(value) < 0,
  /** Above the other number. */
  above: (value: unknown, limit: unknown): boolean => toNumber(value) > toNumber(limit),
  /** Below the other number. */
  under: (value: unknown, limit: unknown): boolean => toNumber(value) < toNumber(limit),
  /** Between min and max, both included, like the between rule. */
  between: (value: unknown, min: unknown, max: unknown): boolean => toNumber(value) >= toNumber(min) && toNumber(value) <= toNumber(max),
  /** Whether the list holds the value (===). */
  inArray: (value: unknown, list: unknown): boolean => Array.isArray(list) && list.includes(value),
  /** A list in ascending order. */
  sorted: (list: unknown): boolean => Array.isArray(list) && list.every((item, index) => index === 0 || !(list[index - 1] > item)),
  /** Whether some item of the first list is in the second. */
  intersectAny: (list: unknown, other: unknown): boolean => {
    if (!Array.isArray(list) || !Array.isArray(other)) return false
    const items = new Set(other)
    return list.some((item) => items.has(item))
  },
  /** Whether every item of the first list is in the second. */
  intersectAll: (list: unknown, other: unknown): boolean => {
    if (!Array.isArray(list) || !Array.isArray(other)) return false
    const items = new Set(other)
    return list.every((item) => items.has(item))
  },
}
