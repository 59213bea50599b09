/**
 * app/Http/kernel.ts: the global middleware list (run in order on every routed request) and
 * the named middleware routes ask for. Built-ins are 'Adonis/Middleware/<Name>'; the app's
 * own are 'App/Http/Middleware/<Name>', classes with a handle(request, response, next) method.
 */
import path from 'node:path'
import {
  E_INVALID_CONFIG, E_INVALID_MIDDLEWARE, E_MIDDLEWARE_NOT_FOUND, E_UNKNOWN_MIDDLEWARE,
} from '../errors'
import { defaultExport, findModule, loadModule } from '../support/module_loader'
import { isPlainObject } from '../support/object_path'
import { isAsyncGeneratorFunction, makeCaller } from './callable'

/**
 * A middleware of the app, loaded and checked: `handle(args)` calls its handle method with
 * these arguments, on a new instance per call when it is a class (so no state is shared
 * between requests). The request layer decides what the arguments are.
 */
export interface AppMiddleware {
  name: string
  /** Relative to the app's root. */
  file: string
  handle (args: unknown[]): unknown
}

export interface KernelEntry<M> {
  name: string
  middleware: M
}

/** The kernel's two lists, resolved: `M` is what the request layer makes of each middleware. */
export interface Kernel<M> {
  global: Array<KernelEntry<M>>
  named: Map<string, KernelEntry<M>>
}

const KERNEL_FILE = 'app/Http/kernel.ts'

/**
 * Loads the kernel; an app without one has no middleware. Built-ins are looked up by name in
 * `builtIns`; each of the app's own is loaded and handed to `adapt`.
 */
export function loadKernel<M> (root: string, builtIns: ReadonlyMap<string, M>, adapt: (middleware: AppMiddleware) => M): Kernel<M> {
  const file = findModule(path.join(root, 'app', 'Http', 'kernel'))
  const loaded = file ? loadModule(file, root) : {}
  const source = (isPlainObject(defaultExport(loaded)) ? defaultExport(loaded) : loaded) as Record<string, unknown>
  const globalNames = source.globalMiddleware ?? loaded.globalMiddleware ?? []
  const namedNames = source.namedMiddleware ?? loaded.namedMiddleware ?? {}

  if (!Array.isArray(globalNames) || !globalNames.every((name) => typeof name === 'string')) {
    throw E_INVALID_CONFIG(KERNEL_FILE, 'globalMiddleware', "must be an array of names, such as ['Adonis/Middleware/BodyParser']")
  }
  if (!isPlainObject(namedNames) || !Object.values(namedNames).every((name) => typeof name === 'string')) {
    throw E_INVALID_CONFIG(KERNEL_FILE, 'namedMiddleware', "must map names to middleware, such as { auth: 'App/Http/Middleware/Auth' }")
  }

  const resolve = (name: string): KernelEntry<M> => ({ name, middleware: resolveMiddleware(name, root, builtIns, adapt) })
  const global = globalNames.map(resolve)
  const named = new Map(Object.entries(namedNames).map(([alias, name]) => [alias, resolve(name as string)]))
  return { global, named }
}

function resolveMiddleware<M> (name: string, root: string, builtIns: ReadonlyMap<string, M>, adapt: (middleware: AppMiddleware) => M): M {
  const builtIn = builtIns.get(name)
  if (builtIn !== undefined) return builtIn
  const match = /^App\/((?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+)$/.exec(name)
  if (!match) throw E_UNKNOWN_MIDDLEWARE(name, [...builtIns.keys()])
  const relative = `app/${match[1]}`
  const file = findModule(path.join(root, relative))
  if (!file) throw E_MIDDLEWARE_NOT_FOUND(name, `${relative}.ts`)
  return adapt(appMiddleware(defaultExport(loadModule(file, root)), name, path.relative(root, file)))
}

/** The app's middleware: a class or an object with a handle method (generator, async or plain). */
function appMiddleware (exported: unknown, name: string, file: string): AppMiddleware {
  const isClass = typeof exported === 'function'
  const handle: unknown = isClass
    ? (exported as { prototype?: { handle?: unknown } }).prototype?.handle
    : (exported as { handle?: unknown } | null)?.handle
  if (typeof handle !== 'function' || isAsyncGeneratorFunction(handle)) throw E_INVALID_MIDDLEWARE(name, file)
  const call = makeCaller(handle as (...args: unknown[]) => unknown)
  if (isClass) {
    const Middleware = exported as new () => unknown
    return { name, file, handle: (args) => call(new Middleware(), args) }
  }
  return { name, file, handle: (args) => call(exported, args) }
}
