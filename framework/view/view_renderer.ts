/**
 * Nunjucks views from resources/views: 'auth.login' is auth/login.njk. Output is escaped
 * unless marked safe; templates are cached in production and re-read on every render in
 * development. Per-request values (old, flashMessages, form, ...) arrive as render context,
 * never as environment globals, so concurrent requests cannot see each other's.
 */
import path from 'node:path'
import nunjucks from 'nunjucks'
import { E_VIEW_NOT_FOUND } from '../errors'

export interface ViewOptions {
  /** Keep compiled templates in memory (production) or re-read them on every render. */
  cache: boolean
  filters: Record<string, (...args: any[]) => unknown>
}

export class ViewRenderer {
  readonly env: nunjucks.Environment
  readonly #dir: string
  readonly #files = new Map<string, string>()

  constructor (dir: string, options: ViewOptions) {
    this.#dir = dir
    const loader = new nunjucks.FileSystemLoader(dir, { noCache: !options.cache, watch: false })
    this.env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false })
    for (const [name, filter] of Object.entries(options.filters)) this.env.addFilter(name, filter)
  }

  /** Renders a view with the given context (synchronously: the loader reads files synchronously). */
  render (name: string, context: Record<string, unknown>): string {
    const file = this.fileOf(name)
    try {
      return this.env.getTemplate(file, true).render(context)
    } catch (error) {
      throw this.#explain(error as Error, name, file)
    }
  }

  /** The template file of a view name, relative to resources/views. */
  fileOf (name: string): string {
    let file = this.#files.get(name)
    if (file === undefined) {
      file = name.endsWith('.njk') ? name : `${name.replace(/\./g, '/')}.njk`
      if (path.isAbsolute(file) || file.split('/').includes('..')) throw E_VIEW_NOT_FOUND(name, 'a file inside resources/views')
      this.#files.set(name, file)
    }
    return file
  }

  #explain (error: Error, name: string, file: string): Error {
    if (/template not found/i.test(error.message) && error.message.includes(file)) {
      return E_VIEW_NOT_FOUND(name, path.join('resources', 'views', file))
    }
    error.message = error.message.replace(this.#dir + path.sep, '')
    return error
  }
}
