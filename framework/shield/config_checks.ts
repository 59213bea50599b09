/** Checks shared by the config files of Shield and Cors: unknown keys and wrong types stop the boot, naming the file and key. */
import { E_INVALID_CONFIG } from '../errors'
import { isPlainObject } from '../support/object_path'

/** An object whose keys are all known ones. */
export function section (given: unknown, file: string, key: string, known: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(given)) throw E_INVALID_CONFIG(file, key, 'must be an object')
  for (const name of Object.keys(given)) {
    if (!known.includes(name)) {
      const where = key === 'the export' ? name : `${key}.${name}`
      throw E_INVALID_CONFIG(file, where, `is not a key this file knows: use ${known.join(', ')}`)
    }
  }
  return given
}

/** A boolean, or `fallback` when not given. */
export function flag (value: unknown, fallback: boolean, file: string, key: string): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw E_INVALID_CONFIG(file, key, 'must be true or false')
  return value
}
