/**
 * What a session may hold: JSON values that come back with their types (strings, finite
 * numbers, booleans, null, arrays, plain objects). Anything else is a TypeError naming the
 * key, never a value silently changed on the way through JSON.
 */

export function assertStorable (key: string, value: unknown): void {
  if (value === undefined) throw new TypeError(`Cannot store undefined in the session under "${key}": use forget("${key}") to remove a value`)
  check(key, value, new Set())
}

function check (path: string, value: unknown, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return
    case 'number':
      if (!Number.isFinite(value)) throw unstorable(path, `${value} (JSON has no ${value}; store null or a string)`)
      return
    case 'object':
      break
    case 'undefined':
      throw unstorable(path, 'undefined inside an array (JSON turns it into null)')
    default:
      throw unstorable(path, `a ${typeof value}`)
  }
  if (value === null) return
  if (seen.has(value)) throw unstorable(path, 'a value that contains itself (a cycle)')
  seen.add(value)
  if (Array.isArray(value)) {
    value.forEach((item, index) => check(`${path}.${index}`, item, seen))
  } else {
    const prototype = Object.getPrototypeOf(value)
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as object).constructor?.name ?? 'class'
      throw unstorable(path, `an instance of ${name} (store plain objects, arrays and primitives${name === 'Date' ? '; a date as date.toISOString()' : ''})`)
    }
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) check(`${path}.${key}`, item, seen)
    }
  }
  seen.delete(value)
}

function unstorable (path: string, what: string): TypeError {
  return new TypeError(`Cannot store session value "${path}": it is ${what}`)
}
