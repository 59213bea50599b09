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
import { yieldableNext, type Step } from './runner'

export interface KernelEntry {
  name: string
  step: Step
}

export interface Kernel {
  global: KernelEntry[]
  named: Map<string, KernelEntry>
  /** Whether a middleware is in the global list: kernel.uses('Adonis/Middleware/Flash'). */
  uses (name: string): boolean
}

const KERNEL_FILE = 'app/Http/kernel.ts'

/** Loads the kernel; an app without one has no middleware. */
export function loadKernel (root: string, builtIns: ReadonlyMap<string, Step>): Kernel {
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

  const resolve = (name: string): KernelEntry => ({ name, step: resolveMiddleware(name, root, builtIns) })
  const global = globalNames.map(resolve)
  const named = new Map(Object.entries(namedNames).map(([alias, name]) => [alias, resolve(name as string)]))
  const globalSet = new Set<string>(globalNames)
  return { global, named, uses: (name) => globalSet.has(name) }
}

function resolveMiddleware (name: string, root: string, builtIns: ReadonlyMap<string, Step>): Step {
  const builtIn = builtIns.get(name)
  if (builtIn) return builtIn
  const match = /^App\/((?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+)$/.exec(name)
  if (!match) throw E_UNKNOWN_MIDDLEWARE(name, [...builtIns.keys()])
  const relative = `app/${match[1]}`
  const file = findModule(path.join(root, relative))
  if (!file) throw E_MIDDLEWARE_NOT_FOUND(name, `${relative}.ts`)
  return appMiddlewareStep(defaultExport(loadModule(file, root)), name, path.relative(root, file))
}

/**
 * A step for the app's middleware: a class (a new instance per request, so no state is
 * shared between requests) or an object, with a handle(request, response, next) method.
 */
function appMiddlewareStep (exported: unknown, name: string, file: string): Step {
  const isClass = typeof exported === 'function'
  const handle: unknown = isClass
    ? (exported as { prototype?: { handle?: unknown } }).prototype?.handle
    : (exported as { handle?: unknown } | null)?.handle
  if (typeof handle !== 'function' || isAsyncGeneratorFunction(handle)) throw E_INVALID_MIDDLEWARE(name, file)
  const call = makeCaller(handle as (...args: unknown[]) => unknown)
  if (isClass) {
    const Middleware = exported as new () => unknown
    return (http, next) => call(new Middleware(), [http.request, http.response, yieldableNext(next)])
  }
  return (http, next) => call(exported, [http.request, http.response, yieldableNext(next)])
}
