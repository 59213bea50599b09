/**
 * Flash messages: values kept in the session for the next request only. The Flash middleware
 * creates one per request; it holds what the previous request flashed (read with old() and
 * flashMessages) and what this one is about to flash (request.withAll()...flash()).
 */
import type { Session } from '../session/session'
import { cloneData, deepMerge, getPath, isPlainObject } from '../support/object_path'

/** Where flash messages wait in the session for the next request. */
export const FLASH_KEY = '__flash__'

/** Form fields that are the framework's, never flashed back by withAll() or withOut(). */
export const INTERNAL_FIELDS = ['_csrf', '_method']

type Data = Record<string, unknown>

export class FlashMessages {
  /** What the previous request flashed. */
  readonly current: Data
  #pending: Data = {}
  /** Whether this request has flashed already (a second flash() adds to the first). */
  #flashed = false

  constructor (current: Data) {
    this.current = current
  }

  /** A flashed value by dotted key ('profile.username', 'errors.0.message'), or the default. */
  old (key: string, defaultValue: unknown = null): unknown {
    const value = getPath(this.current, key)
    return value === undefined ? defaultValue : value
  }

  /** Replaces what will be flashed. Not copied: flash() stores a copy, and merge() copies first. */
  set (values: Data): void {
    this.#pending = values
  }

  /** Deep-merges into what will be flashed (into a copy: the values set may be the request's own). */
  merge (values: Data): void {
    if (!isPlainObject(values)) throw new TypeError('andWith() takes an object of values to flash')
    this.#pending = deepMerge(cloneData(this.#pending), values)
  }

  /** Saves what is pending for the next request (adding to anything flashed earlier in this request). */
  async flash (session: Session): Promise<void> {
    if (this.#flashed) {
      const earlier = await session.get(FLASH_KEY, {}) as Data
      await session.put(FLASH_KEY, deepMerge(isPlainObject(earlier) ? earlier : {}, this.#pending))
    } else {
      await session.put(FLASH_KEY, this.#pending)
    }
    this.#flashed = true
    this.#pending = {}
  }

  /** Keeps what the previous request flashed for one more request. */
  async reflash (session: Session): Promise<void> {
    const earlier = await session.get(FLASH_KEY, {}) as Data
    await session.put(FLASH_KEY, deepMerge(cloneData(this.current), isPlainObject(earlier) ? earlier : {}))
  }
}

/** Removes the framework's own fields from flashed input. */
export function withoutInternalFields (input: Data): Data {
  const copy = { ...input }
  for (const field of INTERNAL_FIELDS) delete copy[field]
  return copy
}
