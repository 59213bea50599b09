/**
 * Errors as the CLI prints them: a framework error is its message alone; a mistake in one of
 * the app's files also gets its location (`start/routes.ts:5:7`) and the lines around it, found
 * in the error, its cause, or their stacks.
 */
import fs from 'node:fs'
import path from 'node:path'
import { AdonisLiteError } from '../errors'

export interface SourceLocation {
  /** Absolute path of the file. */
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
}

/** esbuild (tsx) reports syntax errors as 'Transform failed with 1 error:\n/path/file.ts:5:0: ERROR: Expected ")"'. */
const TRANSFORM_ERROR = /Transform failed with \d+ errors?:\n(\/[^\n]*?|[A-Za-z]:\\[^\n]*?):(\d+):(\d+): ERROR: ([^\n]*)/
/** What module_loader appends to a JavaScript SyntaxError: '(at /path/file.js:3)'. */
const SYNTAX_AT = /\(at (.+?):(\d+)\)$/
const STACK_FRAME = /^\s+at (?:.*?\()?(.+?):(\d+):(\d+)\)?$/

/** The text to print for an error thrown while running a command or booting the app in root. */
export function formatError (error: unknown, root: string): string {
  if (!(error instanceof Error)) return String(error)
  if (!(error instanceof AdonisLiteError)) return error.stack ?? error.message
  const location = findLocation(error, root)
  const message = cleanMessage(error.message)
  if (!location) return message
  const where = `${path.relative(root, location.file) || location.file}:${location.line}:${location.column}`
  const frame = codeFrame(location)
  return `${message}\n  at ${where}${frame ? `\n\n${frame}` : ''}`
}

/** Where in the app's own files an error (or what caused it) happened; null when nowhere there. */
export function findLocation (error: unknown, root: string): SourceLocation | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const transform = TRANSFORM_ERROR.exec(current.message)
    if (transform) return { file: transform[1]!, line: Number(transform[2]), column: Number(transform[3]) + 1 }
    const syntax = SYNTAX_AT.exec(current.message)
    if (syntax && inApp(syntax[1]!, root)) return { file: syntax[1]!, line: Number(syntax[2]), column: 1 }
    for (const line of (current.stack ?? '').split('\n').slice(1)) {
      const frame = STACK_FRAME.exec(line)
      if (frame && inApp(frame[1]!, root)) return { file: frame[1]!, line: Number(frame[2]), column: Number(frame[3]) }
    }
  }
  return null
}

/** The framework's own code: never the place to point a user at. */
const FRAMEWORK_DIR = path.resolve(__dirname, '..')

function inApp (file: string, root: string): boolean {
  return path.isAbsolute(file) && within(file, root) && !within(file, FRAMEWORK_DIR) &&
    !path.relative(root, file).split(path.sep).includes('node_modules')
}

function within (file: string, dir: string): boolean {
  const relative = path.relative(dir, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

/** Drops the loader's wording around a syntax error, and esbuild's names for imports ('import_adonis_lite.Route'). */
function cleanMessage (message: string): string {
  return message
    .replace(TRANSFORM_ERROR, (_all, _file, _line, _column, reason: string) => reason)
    .replace(SYNTAX_AT, '')
    .replace(/\bimport_[\w$]+\./g, '')
    .trimEnd()
}

/** The line of the error with one line either side, and a caret under the column. */
export function codeFrame ({ file, line, column }: SourceLocation): string {
  let lines: string[]
  try {
    lines = fs.readFileSync(file, 'utf8').split(/\r?\n/)
  } catch {
    return ''
  }
  if (line < 1 || line > lines.length) return ''
  const first = Math.max(1, line - 1)
  const last = Math.min(lines.length, line + 1)
  const width = String(last).length
  const out: string[] = []
  for (let number = first; number <= last; number++) {
    out.push(`${number === line ? '>' : ' '} ${String(number).padStart(width)} | ${lines[number - 1]}`)
    if (number === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`)
  }
  return out.join('\n')
}
