/**
 * Dotted paths into plain data ('profile.username', 'errors.0.message'), shared by request
 * input, sessions, flash values and config. Keys that could reach an object's prototype are
 * refused, so user-supplied paths can never pollute one.
 */

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor'])

type Data = Record<string, unknown>

/** Splits 'a.b.0' into ['a', 'b', '0'], throwing a TypeError for keys that reach a prototype. */
export function splitPath (path: string): string[] {
  const keys = path.split('.')
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) throw new TypeError(`The key "${path}" is not allowed: "${key}" cannot be used as a key`)
  }
  return keys
}

/** Whether a key may be copied from untrusted input into an object. */
export function isSafeKey (key: string): boolean {
  return !FORBIDDEN_KEYS.has(key)
}

function isContainer (value: unknown): value is Data {
  return value !== null && typeof value === 'object'
}

/**
 * The value at a dotted path, or undefined. 'profile.role' always means the key role inside
 * profile, never a key spelled 'profile.role': one path, one value, so what the validator
 * checks is what request.input() gives the app.
 */
export function getPath (data: unknown, path: string): unknown {
  if (!isContainer(data)) return undefined
  if (!path.includes('.')) return Object.hasOwn(data, path) ? data[path] : undefined
  let current: unknown = data
  for (const key of path.split('.')) {
    if (!isContainer(current) || !Object.hasOwn(current, key)) return undefined
    current = current[key]
  }
  return current
}

/** Sets the value at a dotted path, creating plain objects on the way. */
export function setPath (data: Data, path: string, value: unknown): void {
  const keys = splitPath(path)
  let current: Data = data
  for (let index = 0; index < keys.length - 1; index++) {
    const key = keys[index]!
    const next = current[key]
    if (isContainer(next) && Object.hasOwn(current, key)) {
      current = next
    } else {
      const created: Data = {}
      current[key] = created
      current = created
    }
  }
  current[keys[keys.length - 1]!] = value
}

/** Removes the value at a dotted path; returns whether something was removed. */
export function unsetPath (data: Data, path: string): boolean {
  const keys = splitPath(path)
  let current: unknown = data
  for (let index = 0; index < keys.length - 1; index++) {
    if (!isContainer(current) || !Object.hasOwn(current, keys[index]!)) return false
    current = current[keys[index]!]
  }
  const last = keys[keys.length - 1]!
  if (!isContainer(current) || !Object.hasOwn(current, last)) return false
  if (Array.isArray(current)) current.splice(Number(last), 1)
  else delete current[last]
  return true
}

/** A copy holding only the given dotted paths that exist in data. */
export function pickPaths (data: Data, paths: string[]): Data {
  const picked: Data = {}
  for (const path of paths) {
    const value = getPath(data, path)
    if (value !== undefined) setPath(picked, path, value)
  }
  return picked
}

/** A copy of data without the given dotted paths (a deep copy only when a path is nested). */
export function omitPaths (data: Data, paths: string[]): Data {
  if (paths.every((path) => !path.includes('.'))) {
    const copy: Data = {}
    for (const key of Object.keys(data)) if (!paths.includes(key)) copy[key] = data[key]
    return copy
  }
  const copy = cloneData(data) as Data
  for (const path of paths) unsetPath(copy, path)
  return copy
}

/** A deep copy of JSON-like data (plain objects, arrays, primitives). */
export function cloneData<T> (value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(cloneData) as T
  const copy: Data = {}
  for (const key of Object.keys(value)) {
    if (isSafeKey(key)) copy[key] = cloneData((value as Data)[key])
  }
  return copy as T
}

/** Merges source into target, recursing into plain objects; arrays and primitives replace. */
export function deepMerge (target: Data, source: Data): Data {
  for (const key of Object.keys(source)) {
    if (!isSafeKey(key)) continue
    const incoming = source[key]
    const existing = target[key]
    if (isPlainObject(incoming) && isPlainObject(existing) && Object.hasOwn(target, key)) deepMerge(existing, incoming)
    else target[key] = cloneData(incoming)
  }
  return target
}

/** An object literal (or Object.create(null)), not an array or class instance. */
export function isPlainObject (value: unknown): value is Data {
  if (value === null || typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Accepts keys as varargs or as one array: only('a', 'b') and only(['a', 'b']). */
export function flattenKeys (keys: Array<string | string[]>): string[] {
  if (keys.length === 1 && Array.isArray(keys[0])) return keys[0]
  return keys.some(Array.isArray) ? (keys.flat() as string[]) : (keys as string[])
}
