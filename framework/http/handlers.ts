/**
 * Turns a route's handler into a step the runner can call: a function as is, a view to
 * render, or a 'Controller.method' string resolved from app/Http/Controllers at boot, so a
 * typo fails before the first request instead of during it.
 */
import path from 'node:path'
import { E_CONTROLLER_METHOD_NOT_FOUND, E_CONTROLLER_NOT_FOUND, E_INVALID_HANDLER } from '../errors'
import { isAsyncGeneratorFunction, makeCaller } from '../middleware/callable'
import type { RouteHandler } from '../routing/types'
import { defaultExport, findModule, loadModule } from '../support/module_loader'
import type { HttpContext } from './context'
import type { HttpStep } from './middleware/step'

export interface ResolvedHandler {
  /** 'UserController.show', 'view welcome', or the function's name. */
  label: string
  step: HttpStep
}

type Caller = (self: unknown, args: unknown[]) => unknown

/** Loads each controller file once per boot. */
export class ControllerLoader {
  readonly #root: string
  readonly #loaded = new Map<string, { file: string, exported: unknown }>()

  constructor (root: string) {
    this.#root = root
  }

  /** The controller exported by app/Http/Controllers/<name>.ts, or null when there is no such file. */
  load (name: string): { file: string, exported: unknown } | null {
    const cached = this.#loaded.get(name)
    if (cached) return cached
    const file = findModule(path.join(this.#root, 'app', 'Http', 'Controllers', name))
    if (!file) return null
    const entry = { file, exported: defaultExport(loadModule(file, this.#root)) }
    this.#loaded.set(name, entry)
    return entry
  }
}

export function resolveHandler (handler: RouteHandler, route: string, controllers: ControllerLoader, root: string): ResolvedHandler {
  if (typeof handler === 'function') {
    if (isAsyncGeneratorFunction(handler)) throw E_INVALID_HANDLER(route, 'has an async generator function as handler: use function * or async function')
    const call = makeCaller(handler)
    return { label: handler.name || 'Closure', step: (ctx) => respond(ctx, call(undefined, [ctx.request, ctx.response])) }
  }
  if (isViewHandler(handler)) {
    const { view, data } = handler
    return { label: `view ${view}`, step: (ctx) => ctx.response.sendView(view, data) }
  }
  if (typeof handler !== 'string') throw E_INVALID_HANDLER(route, `has a handler of type ${typeof handler}: give a function or a 'Controller.method' string`)
  return { label: handler, step: controllerStep(handler, route, controllers, root) }
}

function isViewHandler (handler: unknown): handler is { view: string, data: Record<string, unknown> } {
  return typeof handler === 'object' && handler !== null && typeof (handler as { view?: unknown }).view === 'string'
}

function controllerStep (handler: string, route: string, controllers: ControllerLoader, root: string): HttpStep {
  const dot = handler.lastIndexOf('.')
  const name = handler.slice(0, dot)
  const method = handler.slice(dot + 1)
  if (dot < 1 || !method || !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(name)) {
    throw E_INVALID_HANDLER(route, `names '${handler}': write it as 'Controller.method' (or 'Folder/Controller.method')`)
  }
  const expected = path.relative(root, path.join(root, 'app', 'Http', 'Controllers', `${name}.ts`))
  const loaded = controllers.load(name)
  if (!loaded) throw E_CONTROLLER_NOT_FOUND(handler, expected, route)
  const file = path.relative(root, loaded.file)
  const { exported } = loaded

  if (typeof exported === 'function') {
    const fn: unknown = exported.prototype?.[method]
    if (typeof fn !== 'function' || method === 'constructor') throw E_CONTROLLER_METHOD_NOT_FOUND(handler, file, route)
    const Controller = exported as new () => unknown
    const call = checkedCaller(fn, handler, route)
    // A new instance per request: controller state is never shared between requests.
    return (ctx) => respond(ctx, call(new Controller(), [ctx.request, ctx.response]))
  }
  if (exported !== null && typeof exported === 'object') {
    const fn: unknown = (exported as Record<string, unknown>)[method]
    if (typeof fn !== 'function') throw E_CONTROLLER_METHOD_NOT_FOUND(handler, file, route)
    const call = checkedCaller(fn, handler, route)
    return (ctx) => respond(ctx, call(exported, [ctx.request, ctx.response]))
  }
  throw E_INVALID_HANDLER(route, `names '${handler}', but ${file} exports no controller class: add \`export default class ${path.basename(name)} { ... }\``)
}

function checkedCaller (fn: unknown, handler: string, route: string): Caller {
  if (isAsyncGeneratorFunction(fn)) throw E_INVALID_HANDLER(route, `names '${handler}', an async generator method: use * method or async method`)
  return makeCaller(fn as (...args: unknown[]) => unknown)
}

/** A handler's return value becomes the body when it sent nothing itself. */
function respond (ctx: HttpContext, result: unknown): unknown {
  if (result === undefined) return undefined
  if (result !== null && typeof (result as Promise<unknown>).then === 'function') {
    return (result as Promise<unknown>).then((value) => { sendReturned(ctx, value) })
  }
  sendReturned(ctx, result)
  return undefined
}

function sendReturned (ctx: HttpContext, value: unknown): void {
  if (value !== undefined && ctx.koa.body == null && !ctx.koa.headerSent) ctx.response.send(value)
}
