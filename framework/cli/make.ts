/**
 * What make:controller, make:middleware and make:view share: checking the name they are
 * given, filling a stub from framework/cli/stubs, and writing it without ever overwriting.
 */
import fs from 'node:fs'
import path from 'node:path'
import { E_CLI_USAGE } from '../errors'

const STUBS = path.join(__dirname, 'stubs')
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/

/**
 * The folders and last part of a name such as 'Admin/Dashboard': letters, digits, _ and -,
 * with / between folders. Anything else (.., an absolute path, spaces) is refused.
 */
export function nameSegments (name: string, kind: string, example: string, given = name): string[] {
  const segments = name.split('/')
  if (name === '' || path.isAbsolute(name) || !segments.every((segment) => SEGMENT.test(segment))) {
    throw E_CLI_USAGE(`'${given}' is not a valid ${kind} name: use letters, digits, _ and -, with / between folders (for example ${example})`)
  }
  return segments
}

/** 'user-profile' and 'user_profile' -> 'UserProfile'; 'userProfile' -> 'UserProfile'. */
export function pascalCase (name: string): string {
  const pascal = name.split(/[-_]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')
  if (!/^[A-Za-z]/.test(pascal)) throw E_CLI_USAGE(`'${name}' cannot be a class name: start it with a letter`)
  return pascal
}

/** The stub's text with __KEY__ replaced by each value. */
export function renderStub (stub: string, values: Record<string, string>): string {
  let text = fs.readFileSync(path.join(STUBS, stub), 'utf8')
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`__${key}__`, value)
  return text
}

/** Writes a new file; refuses (exit 1) when it exists already. Returns the path relative to root. */
export function writeNewFile (root: string, relative: string, content: string): string {
  const file = path.join(root, relative)
  if (fs.existsSync(file)) throw E_CLI_USAGE(`${relative} already exists: not overwriting it. Choose another name, or delete the file first`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  try {
    fs.writeFileSync(file, content, { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw E_CLI_USAGE(`${relative} already exists: not overwriting it`)
    throw error
  }
  return relative
}
