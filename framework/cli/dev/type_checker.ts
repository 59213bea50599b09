/**
 * Type errors under `serve --dev`: tsx runs TypeScript without checking types, so a second,
 * low-priority process keeps checking the app (tsconfig.json) and prints each type error with
 * its file and line. It never holds up a restart.
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface TypeChecker {
  stop (): Promise<void>
}

/** type_check_worker.js once compiled; the .ts file, loaded through tsx, when run from the sources. */
const WORKER = path.join(__dirname, `type_check_worker${path.extname(__filename)}`)
const FROM_SOURCES = WORKER.endsWith('.ts')
const FRAMEWORK_ROOT = path.resolve(__dirname, '..', '..', '..')

/** The TypeScript compiler the app would use (its own, else the framework's), or null. */
export function resolveTypeScript (root: string): string | null {
  try {
    return require.resolve('typescript', { paths: [root, FRAMEWORK_ROOT] })
  } catch {
    return null
  }
}

/** Starts checking when the app has a tsconfig.json and TypeScript can be found; null otherwise. */
export function startTypeChecker (root: string, env: NodeJS.ProcessEnv): TypeChecker | null {
  const typescript = resolveTypeScript(root)
  if (!typescript || !fs.existsSync(path.join(root, 'tsconfig.json'))) return null
  const execArgv = FROM_SOURCES ? ['--require', require.resolve('tsx/cjs')] : []
  const child: ChildProcess = fork(WORKER, [typescript], { cwd: root, env, execArgv, stdio: 'inherit' })
  try {
    os.setPriority(child.pid!, 19)
  } catch {
    // Not allowed here: it still runs, at normal priority.
  }
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.once('error', () => resolve())
  })
  return {
    async stop () {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 1000)
      await exited
      clearTimeout(timer)
    },
  }
}
