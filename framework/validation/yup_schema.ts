/**
 * Validation by a yup schema given directly, for the whole data or for one field: its errors
 * become `{ field, validation, message }` like those of rule strings, in the order the schema
 * declares its fields.
 */
import { ValidationError, type Schema, type ValidateOptions } from 'yup'
import { customMessage, humanise, renderMessage } from './messages'
import type { Messages, ValidationMessage } from './types'

/** Every failure of a schema, in yup's own order; `path` names the field it validates, if any. */
export async function schemaErrors (schema: Schema, value: unknown, data: unknown, path?: string): Promise<ValidationError[]> {
  // `path` is how yup's own object schemas name a nested field in its errors ("email must be a
  // valid email" rather than "this must be ..."); its typings leave it out of the public options.
  const options = { abortEarly: false, disableStackTrace: true, context: contextOf(data), path } as ValidateOptions<Record<string, unknown>>
  try {
    await schema.validate(value, options)
    return []
  } catch (error) {
    if (!ValidationError.isError(error)) throw error
    return error.inner.length > 0 ? error.inner : [error]
  }
}

// Lets schemas read other fields with yup.ref('$password').
function contextOf (data: unknown): Record<string, unknown> {
  return data !== null && typeof data === 'object' ? data as Record<string, unknown> : {}
}

/** A yup error as a failure message: custom messages apply by 'field.test' or 'test', else yup's message stays. */
export function toValidationMessage (error: ValidationError, messages: Messages | undefined, field: string): ValidationMessage {
  const path = dottedPath(error.path) || field
  const validation = renamedTest(error.type)
  const custom = customMessage(messages, path, validation)
  const message = custom === undefined
    ? error.message
    : renderMessage(custom, { field: path, label: humanise(path), validation, args: argumentsOf(error.params) })
  return Object.freeze({ field: path, validation, message })
}

// yup names the test behind required() 'optionality'; messages keyed by 'required' should find it.
function renamedTest (type: string | undefined): string {
  if (type === undefined) return 'invalid'
  return type === 'optionality' ? 'required' : type
}

/** 'items[0].name' (yup's form) -> 'items.0.name' (the form old() and the rules use). */
export function dottedPath (path: string | undefined): string {
  if (path === undefined) return ''
  return path.replace(/\[["']?([^\]"']*)["']?\]/g, '.$1').replace(/^\./, '')
}

const ARGUMENT_PARAMS = ['min', 'max', 'length', 'less', 'more', 'regex', 'values']

// yup's params carry the test's limits; they stand in for a rule's arguments in {{ argument.0 }}.
function argumentsOf (params: Record<string, unknown> | undefined): string[] {
  if (params === undefined) return []
  return ARGUMENT_PARAMS.filter((key) => params[key] !== undefined).map((key) => String(params[key]))
}

/** Sorts failures by the schema's declared field order (array items by index), keeping yup's order within a field; `prefix` is the field a schema validates. */
export function sortBySchema (schema: Schema, failures: ValidationMessage[], prefix = ''): ValidationMessage[] {
  const ranks = new Map<string, number>()
  if (prefix) ranks.set(prefix, 0)
  collectFieldOrder(schema, prefix, ranks)
  const keys = new Map(failures.map((failure) => [failure, sortKey(failure.field, ranks)]))
  return failures.slice().sort((a, b) => compareKeys(keys.get(a)!, keys.get(b)!))
}

// Walks object fields (declaration order) and array items (as '*') of a schema.
function collectFieldOrder (schema: unknown, prefix: string, ranks: Map<string, number>): void {
  const node = schema as { fields?: Record<string, unknown>, innerType?: unknown }
  if (node.fields !== undefined) {
    for (const name of Object.keys(node.fields)) {
      const path = prefix ? `${prefix}.${name}` : name
      ranks.set(path, ranks.size)
      collectFieldOrder(node.fields[name], path, ranks)
    }
  } else if (node.innerType !== undefined) {
    collectFieldOrder(node.innerType, prefix ? `${prefix}.*` : '*', ranks)
  }
}

// 'items.1.name' -> [rank of items, 1, rank of items.*.name]: fields by declaration, items by index.
function sortKey (field: string, ranks: Map<string, number>): number[] {
  const key: number[] = []
  let pattern = ''
  for (const segment of field.split('.')) {
    const index = /^\d+$/.test(segment) ? Number(segment) : undefined
    pattern = pattern ? `${pattern}.${index === undefined ? segment : '*'}` : (index === undefined ? segment : '*')
    key.push(index ?? ranks.get(pattern) ?? Number.MAX_SAFE_INTEGER)
  }
  return key
}

function compareKeys (a: number[], b: number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index]! - b[index]!
  }
  return a.length - b.length
}
