/**
 * What `adonis-lite build` writes: the app as plain JavaScript in one folder, served by plain
 * Node. The TypeScript of app/, config/ and start/ is compiled by the app's own TypeScript
 * (file for file, so 'UserController.show' still finds app/Http/Controllers/UserController.js);
 * their other files, resources/ and public/ are copied; package.json (whose start script runs
 * server.js), package-lock.json and the tarballs of `file:` dependencies inside the app come
 * along, so the folder deploys alone with `npm ci --omit=dev`.
 */
import fs from 'node:fs'
import path from 'node:path'
import type TS from 'typescript'
import { E_BUILD_FAILED } from '../errors'

/** Their TypeScript is compiled and their other files are copied. */
export const SOURCE_DIRS = ['app', 'config', 'start']
/** Copied as they are. */
export const ASSET_DIRS = ['resources', 'public']

/** When the app has no tsconfig.json: what `adonis-lite new` writes, less what only type checks. */
const DEFAULT_OPTIONS = { target: 'ES2022', module: 'node16', moduleResolution: 'node16', esModuleInterop: true, skipLibCheck: true }

export const SERVER_JS = `'use strict'
// Written by \`adonis-lite build\`: serves this folder with plain Node (node server.js [--port N] [--workers N]).
// .env is read from the folder it is started in, then from this one; the environment wins over both.
require('adonis-lite/server').serve(__dirname)
`

export interface BuildSummary {
  compiled: number
  copied: number
}

/** Writes the build of the app in root into outDir (emptied first). */
export function buildApp (root: string, outDir: string, typescriptPath: string): BuildSummary {
  fs.rmSync(outDir, { recursive: true, force: true })
  const compiled = compile(root, outDir, require(typescriptPath) as typeof TS)
  let copied = 0
  for (const dir of SOURCE_DIRS) copied += copyTree(path.join(root, dir), path.join(outDir, dir), (file) => !/\.[cm]?ts$/.test(file))
  for (const dir of ASSET_DIRS) copied += copyTree(path.join(root, dir), path.join(outDir, dir), () => true)
  copied += writeManifests(root, outDir)
  fs.writeFileSync(path.join(outDir, 'server.js'), SERVER_JS)
  return { compiled, copied }
}

/** Compiles every .ts file of the source folders (and what they import); type errors stop the build. */
function compile (root: string, outDir: string, ts: typeof TS): number {
  const rootNames = SOURCE_DIRS.flatMap((dir) => listFiles(path.join(root, dir)))
    .filter((file) => /\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file))
  const options: TS.CompilerOptions = {
    ...readOptions(root, ts),
    noEmit: false,
    outDir,
    rootDir: root,
    declaration: false,
    sourceMap: false,
    incremental: false,
    composite: false,
    // Imports resolve as Node resolves them when the build runs: to compiled packages, never to
    // the sources a custom condition may point at (the framework's checkout uses one).
    customConditions: [],
  }
  const program = ts.createProgram(rootNames, options)
  const problems = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics]
  const errors = problems.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
  if (errors.length > 0) {
    process.stderr.write(ts.formatDiagnostics(errors, {
      getCanonicalFileName: (file) => file,
      getCurrentDirectory: () => root,
      getNewLine: () => '\n',
    }))
    throw E_BUILD_FAILED(errors.length)
  }
  return rootNames.length
}

/** The compiler options of the app's tsconfig.json, or the scaffold's defaults without one. */
function readOptions (root: string, ts: typeof TS): TS.CompilerOptions {
  const file = path.join(root, 'tsconfig.json')
  if (!fs.existsSync(file)) return ts.convertCompilerOptionsFromJson(DEFAULT_OPTIONS, root).options
  const host = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic (diagnostic: TS.Diagnostic) {
      throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
    },
  }
  return ts.getParsedCommandLineOfConfigFile(file, {}, host)?.options ?? {}
}

/**
 * package.json with a start script that runs server.js, package-lock.json, and every `file:`
 * dependency that lives inside the app (the framework's tarball under vendor/).
 */
function writeManifests (root: string, outDir: string): number {
  const manifestFile = path.join(root, 'package.json')
  if (!fs.existsSync(manifestFile)) return 0
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
  manifest.scripts = { start: 'node server.js' }
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  let copied = 1
  if (fs.existsSync(path.join(root, 'package-lock.json'))) {
    fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(outDir, 'package-lock.json'))
    copied++
  }
  const specs = Object.values({ ...manifest.dependencies, ...manifest.devDependencies }) as string[]
  for (const spec of specs) {
    if (!spec.startsWith('file:')) continue
    const target = path.resolve(root, spec.slice('file:'.length))
    const relative = path.relative(root, target)
    if (relative.startsWith('..') || path.isAbsolute(relative) || !fs.existsSync(target)) continue
    copied += copyTree(target, path.join(outDir, relative), () => true)
  }
  return copied
}

/** Copies the files under from (or from itself, a file) that pass the filter; returns how many. */
function copyTree (from: string, to: string, keep: (file: string) => boolean): number {
  if (!fs.existsSync(from)) return 0
  if (!fs.statSync(from).isDirectory()) {
    fs.mkdirSync(path.dirname(to), { recursive: true })
    fs.copyFileSync(from, to)
    return 1
  }
  let count = 0
  for (const file of listFiles(from)) {
    if (!keep(file)) continue
    const target = path.join(to, path.relative(from, file))
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.copyFileSync(file, target)
    count++
  }
  return count
}

/** Every file under dir, recursively; none when it does not exist. */
function listFiles (dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}
