/**
 * Loading the app's own files (config, kernel, routes, controllers, middleware): TypeScript or
 * JavaScript, ES module or CommonJS syntax, and errors that name the file.
 */
import fs from 'node:fs'
import path from 'node:path'
import { BootError, E_MODULE_LOAD_FAILED } from '../errors'

/** Extensions tried, in order, for a module named without one. */
export const MODULE_EXTENSIONS = ['.ts', '.js', '.cjs', '.cts']

/** The file of a module named without extension ('config/app' -> 'config/app.ts'), or null. */
export function findModule (base: string): string | null {
  for (const extension of MODULE_EXTENSIONS) {
    const file = base + extension
    if (fs.existsSync(file)) return file
  }
  return null
}

/**
 * Requires a file of the app afresh (so a second boot in one process sees edits and the
 * current environment), wrapping failures in an error that names the file relative to root.
 */
export function loadModule (file: string, root: string): Record<string, unknown> {
  try {
    delete require.cache[file]
    return require(file)
  } catch (error) {
    if (error instanceof BootError) throw error
    throw E_MODULE_LOAD_FAILED(path.relative(root, file) || file, withLocation(error))
  }
}

/** Node reports a JavaScript syntax error's file and line only in the stack's first line. */
function withLocation (error: unknown): unknown {
  if (!(error instanceof SyntaxError) || !error.stack) return error
  const where = error.stack.split('\n')[0]
  return /:\d+$/.test(where ?? '') ? new SyntaxError(`${error.message} (at ${where})`) : error
}

/** A module's default export in either syntax: `export default x` or `module.exports = x`. */
export function defaultExport (loaded: Record<string, unknown>): unknown {
  if (loaded && typeof loaded === 'object' && 'default' in loaded && (loaded.__esModule || Object.keys(loaded).length === 1)) {
    return loaded.default
  }
  return loaded
}
