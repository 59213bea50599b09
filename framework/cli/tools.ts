/**
 * The development tools of an app: what `serve --dev`, `adonis-lite test` and `adonis-lite
 * build` need, and what loads an app's TypeScript before it is built. They are the app's
 * devDependencies (optional peer dependencies of the framework), so a production install has
 * none of them; a missing one is a one-line error that says what to install.
 */
import fs from 'node:fs'
import path from 'node:path'
import { E_NOT_INSTALLED, E_TOOL_NOT_INSTALLED } from '../errors'
import { findModule } from '../support/module_loader'

/** What each tool is needed for, for the message when it is missing. */
const TOOLS: Record<string, string> = {
  tsx: 'running an app from its TypeScript sources (a built app, npm run build && npm start, does not)',
  chokidar: 'serve --dev',
  jest: 'adonis-lite test',
  '@swc/jest': 'adonis-lite test',
  '@swc/core': 'adonis-lite test',
  typescript: 'adonis-lite build',
}

/** The framework's package folder (the checkout, or node_modules/adonis-lite). */
const FRAMEWORK_ROOT = path.resolve(__dirname, '..', '..')

/** The package name of a request: 'tsx/cjs/api' -> 'tsx', '@swc/core/x' -> '@swc/core'. */
function packageName (request: string): string {
  const parts = request.split('/')
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

/** Resolves a tool from the app first, then from the framework; fails in one line when neither has it. */
export function resolveTool (request: string, root: string): string {
  try {
    return require.resolve(request, { paths: [root, FRAMEWORK_ROOT] })
  } catch {
    const name = packageName(request)
    throw E_TOOL_NOT_INSTALLED(name, TOOLS[name] ?? 'this command')
  }
}

/**
 * Lets this process require the app's TypeScript (through tsx) when the app has any: its
 * routes or config are .ts files. A built app is JavaScript and runs on plain Node.
 */
export function loadTypeScriptOf (root: string): void {
  const routes = findModule(path.join(root, 'start', 'routes'))
  const configDir = path.join(root, 'config')
  const configs = fs.existsSync(configDir) ? fs.readdirSync(configDir) : []
  if (!routes?.endsWith('.ts') && !configs.some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))) return
  ;(require(resolveTool('tsx/cjs/api', root)) as { register (): void }).register()
}

/**
 * Fails in one line when the app's package.json depends on adonis-lite and none is installed
 * (no npm install yet, or a linked checkout that moved): its files could not import the framework.
 */
export function requireFrameworkInstalled (root: string): void {
  const manifest = path.join(root, 'package.json')
  if (!fs.existsSync(manifest)) return
  const { dependencies = {}, devDependencies = {} } = JSON.parse(fs.readFileSync(manifest, 'utf8'))
  if (!('adonis-lite' in dependencies) && !('adonis-lite' in devDependencies)) return
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules', 'adonis-lite', 'package.json'))) return
    if (path.dirname(dir) === dir) throw E_NOT_INSTALLED('adonis-lite', root)
  }
}

/**
 * The one-line error for a package that could not be found while running a command: a tool
 * the app should install, or a dependency of the framework (an unfinished install); null for
 * anything else (a missing file of the app keeps its own message).
 */
export function missingPackageError (error: unknown, root: string): Error | null {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code !== 'MODULE_NOT_FOUND' || !(error instanceof Error)) return null
  const request = /Cannot find module '([^']+)'/.exec(error.message)?.[1]
  if (!request || request.startsWith('.') || path.isAbsolute(request)) return null
  const name = packageName(request)
  if (name in TOOLS) return E_TOOL_NOT_INSTALLED(name, TOOLS[name]!)
  return E_NOT_INSTALLED(name, fs.existsSync(path.join(root, 'package.json')) ? root : FRAMEWORK_ROOT)
}
