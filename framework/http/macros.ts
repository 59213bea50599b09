/** Request.macro() and Response.macro(): methods an app adds to every request or response, never over a built-in one. */
import { E_INVALID_MACRO } from '../errors'

/** The macros each class has been given: one may be defined again (a reloaded file), a built-in method never. */
const MACROS = new WeakMap<object, Set<string>>()

/** Adds method to target's prototype under name, refusing a name the class (or Object.prototype) already has. */
export function defineMacro (target: { prototype: object }, label: string, name: string, method: unknown): void {
  const own = MACROS.get(target) ?? new Set<string>()
  if (typeof method !== 'function') throw E_INVALID_MACRO(label, name, 'must be given a function')
  if (!own.has(name) && name in target.prototype) throw E_INVALID_MACRO(label, name)
  Object.defineProperty(target.prototype, name, { value: method, writable: true, configurable: true, enumerable: false })
  own.add(name)
  MACROS.set(target, own)
}
