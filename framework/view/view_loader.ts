/**
 * Reads templates from resources/views under the names AdonisJs 3 gave them: 'layouts.master',
 * 'layouts/master', 'layouts.master.njk' and 'layouts/master.njk' are all
 * resources/views/layouts/master.njk. A relative name ('../index', './partials.nav') in an
 * include or extends is taken from the folder of the template that names it. No name reaches
 * a file outside resources/views.
 */
import fs from 'node:fs'
import path from 'node:path'
import type nunjucks from 'nunjucks'
import { E_INVALID_VIEW_NAME } from '../errors'

/** Past this many distinct names the cache starts over: names an app writes are few; a name built from input must not grow it for ever. */
const MAX_CACHED_NAMES = 1000

/** A synchronous Nunjucks loader, so that a page with no {% yield %} renders in one go. */
export class ViewLoader {
  readonly async = false
  /** Compiled templates by name; Nunjucks fills it (and empties it in development through noCache). */
  cache: Record<string, unknown> = {}
  readonly #dir: string
  readonly #noCache: boolean
  readonly #files = new Map<string, string>()

  constructor (dir: string, options: { cache: boolean }) {
    this.#dir = dir
    this.#noCache = !options.cache
  }

  /** The source of a view, or null when its file does not exist (Nunjucks then reports it missing). */
  getSource (name: string): nunjucks.LoaderSource | null {
    const full = path.join(this.#dir, this.fileOf(name))
    let src: string
    try {
      src = fs.readFileSync(full, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null
      throw error
    }
    return { src, path: full, noCache: this.#noCache }
  }

  /** The file of a view name, relative to resources/views ('layouts.master' -> 'layouts/master.njk'). */
  fileOf (name: string): string {
    let file = this.#files.get(name)
    if (file === undefined) {
      file = viewFile(name)
      if (this.#files.size >= MAX_CACHED_NAMES) this.#files.clear()
      this.#files.set(name, file)
    }
    return file
  }

  isRelative (name: string): boolean {
    return name.startsWith('./') || name.startsWith('../')
  }

  /** A relative name from the template at `from` (a full path), as a name inside resources/views; one that climbs out of it is refused by fileOf. */
  resolve (from: string, to: string): string {
    return path.relative(this.#dir, path.resolve(path.dirname(from), to)).split(path.sep).join('/')
  }
}

/**
 * 'layouts.master' -> 'layouts/master.njk'. Dots and slashes both separate folders; a final
 * '.njk' is the extension. Refuses what could leave the folder or name no file: '..', an
 * absolute path, a backslash, an empty folder name ('a..b', '.hidden', 'a//b').
 */
export function viewFile (name: string): string {
  if (typeof name !== 'string' || name === '' || /[\\\0]/.test(name) || path.isAbsolute(name) || /^[A-Za-z]:/.test(name)) {
    throw E_INVALID_VIEW_NAME(String(name))
  }
  const base = name.endsWith('.njk') ? name.slice(0, -'.njk'.length) : name
  const segments = base.split(/[./]/)
  if (segments.some((segment) => segment === '')) throw E_INVALID_VIEW_NAME(name)
  return `${segments.join('/')}.njk`
}
