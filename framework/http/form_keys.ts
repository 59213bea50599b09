/**
 * Form field names as AdonisJs 3 read them: `photos[]` is a list, `user[avatar]` nests, and
 * `user[email[]]` (a list inside brackets, which qs keeps as a key "email[]") is user.email.
 * Everything here is one pass over the names; keys that could reach a prototype are dropped.
 */
import { isPlainObject, isSafeKey } from '../support/object_path'
import { UploadedFiles, type UploadedFile } from './uploaded_file'

/** What request.file() and request.files() look in: each field's file, or its files when several. */
export type FileTree = { [key: string]: UploadedFile | UploadedFiles | FileTree }

/**
 * Moves every key such as "email[]" (what qs makes of user[email[]]) to "email", its values
 * joined to any already there. Walks the parsed body once.
 */
export function foldArrayKeys (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(foldArrayKeys)
  if (!isPlainObject(value)) return value
  const folded: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const child = foldArrayKeys(item)
    if (!key.endsWith('[]')) {
      folded[key] = child
      continue
    }
    const name = key.slice(0, -2)
    if (!isSafeKey(name) || Object.hasOwn(Object.prototype, name)) continue
    const existing = folded[name]
    folded[name] = [...(existing === undefined ? [] : [existing].flat()), ...[child].flat()]
  }
  return folded
}

/** The path of a field name: 'user[docs][]' -> { path: ['user', 'docs'], list: true }; null for a malformed name. */
export function fieldPath (name: string): { path: string[], list: boolean } | null {
  const open = name.indexOf('[')
  const path = [open === -1 ? name : name.slice(0, open)]
  let list = false
  let rest = open === -1 ? '' : name.slice(open)
  while (rest !== '') {
    const close = rest.indexOf(']')
    if (!rest.startsWith('[') || close === -1 || list) return null
    const inner = rest.slice(1, close)
    // user[email[]]: the list is written inside the brackets.
    const innerList = inner.endsWith('[')
    rest = rest.slice(close + 1)
    if (innerList) {
      if (!rest.startsWith(']')) return null
      rest = rest.slice(1)
    }
    const part = innerList ? inner.slice(0, -1) : inner
    if (part !== '') path.push(part)
    list = part === '' || innerList
  }
  return path.every((key) => key !== '' && isSafeKey(key) && !Object.hasOwn(Object.prototype, key)) ? { path, list } : null
}

/**
 * The files as sent -> the tree request.file() reads, and its top-level names in the order they
 * were first sent (an object would put names such as "2" before "1" and "a"). A field is a list
 * for photos[] or a name sent more than once.
 */
export function fileTree (files: readonly UploadedFile[]): { tree: FileTree, order: string[] } {
  const byName = new Map<string, UploadedFile[]>()
  for (const file of files) byName.set(file.fieldName, [...(byName.get(file.fieldName) ?? []), file])
  const tree: FileTree = {}
  const order = new Set<string>()
  for (const [name, received] of byName) {
    const parsed = fieldPath(name)
    if (parsed === null) continue
    let node = tree
    for (const key of parsed.path.slice(0, -1)) {
      const next = node[key]
      if (next !== undefined && !isPlainObject(next)) break
      node = (node[key] ??= {}) as FileTree
    }
    const leaf = parsed.path[parsed.path.length - 1]!
    const existing = node[leaf]
    if (isPlainObject(existing)) continue
    const all = [...(existing === undefined ? [] : [existing as UploadedFile | UploadedFiles].flat()), ...received]
    node[leaf] = parsed.list || all.length > 1 ? UploadedFiles.from(all) as UploadedFiles : all[0]!
    order.add(parsed.path[0]!)
  }
  return { tree, order: [...order] }
}
