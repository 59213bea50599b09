/**
 * Nunjucks views from resources/views, named as in AdonisJs 3 ('auth.login' is
 * auth/login.njk). Output is escaped unless marked safe; templates are cached in production
 * and re-read on every render in development. Per-request values (old, flashMessages,
 * form, ...) arrive as render context, never as environment globals, so concurrent requests
 * cannot see each other's; the environment holds only what belongs to the whole app: the
 * built-in filters and links, and the app's View.global()/View.filter().
 */
import path from 'node:path'
import nunjucks from 'nunjucks'
import { E_VIEW_NOT_FOUND } from '../errors'
import { json } from './filters'
import { addLinkHelpers } from './link_helpers'
import { trackFilterLines, viewRenderError } from './render_error'
import { ViewLoader } from './view_loader'
import { useViewRegistry } from './view_registry'
import { YieldTag } from './yield_tag'

export interface ViewOptions {
  /** Keep compiled templates in memory (production) or re-read them on every render. */
  cache: boolean
  filters: Record<string, (...args: any[]) => unknown>
}

type Done = (error: Error | null, html?: string) => void
interface Outcome { error: Error | null, html?: string }

/** Nunjucks' Frame: not in its type definitions, see render(). */
const Frame = (nunjucks as unknown as { runtime: { Frame: new () => object } }).runtime.Frame

export class ViewRenderer {
  readonly env: nunjucks.Environment
  readonly #dir: string
  readonly #loader: ViewLoader

  constructor (dir: string, options: ViewOptions) {
    this.#dir = dir
    this.#loader = new ViewLoader(dir, { cache: options.cache })
    trackFilterLines()
    // dev: Nunjucks keeps its own errors as they are (their line, their cause) for viewRenderError().
    this.env = new nunjucks.Environment(this.#loader as unknown as nunjucks.ILoader, { autoescape: true, throwOnUndefined: false, dev: true })
    for (const [name, filter] of Object.entries({ ...options.filters, json })) this.env.addFilter(name, filter)
    addLinkHelpers(this.env)
    this.env.addExtension('yield', new YieldTag())
    useViewRegistry(this.env)
  }

  /**
   * Renders a view. A page that waits on nothing renders in one go, in this tick, and comes
   * back as a string: no promise is made for it. One that waits ({% yield %} on a promise, an
   * async filter) comes back as a promise of the page, rejected with what failed.
   */
  render (name: string, context: Record<string, unknown>): string | Promise<string> {
    let outcome: Outcome | null = null
    let later: Done | null = null
    this.#run(name, context, (error, html) => {
      if (later) later(error, html)
      else outcome = { error, html }
    })
    // Set by the callback above when the page needed no waiting (TypeScript cannot see that).
    const finished = outcome as Outcome | null
    if (finished !== null) {
      if (finished.error) throw finished.error
      return finished.html ?? ''
    }
    return new Promise((resolve, reject) => { later = (error, html) => error ? reject(error) : resolve(html ?? '') })
  }

  /** Renders a view to a string, waiting for what it yields. */
  renderAsync (name: string, context: Record<string, unknown>): Promise<string> {
    try {
      return Promise.resolve(this.render(name, context))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  #run (name: string, context: Record<string, unknown>, done: Done): void {
    let template: nunjucks.Template
    try {
      template = this.env.getTemplate(name, true)
    } catch (error) {
      return done(this.#explain(error as Error))
    }
    // Given a parent frame, Nunjucks calls back as soon as the page is done (in the same tick
    // when nothing waits); without one it always defers the callback to a later tick.
    const render = template.render as unknown as (context: object, frame: object, callback: (error: Error | null, html: string | null) => void) => void
    render.call(template, context, new Frame(), (error, html) => done(error ? this.#explain(error) : null, html ?? ''))
  }

  /** A missing view (the page itself or one it includes) as E_VIEW_NOT_FOUND naming the file to create; other errors as E_VIEW_RENDER at their file and line. */
  #explain (error: Error): Error {
    const missing = /template not found: ([^\n]+)/.exec(error.message)?.[1]?.trim()
    if (missing !== undefined) {
      try {
        return E_VIEW_NOT_FOUND(missing, path.join('resources', 'views', this.#loader.fileOf(missing)))
      } catch {
        return error
      }
    }
    return viewRenderError(error, this.#dir)
  }
}
