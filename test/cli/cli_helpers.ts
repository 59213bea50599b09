/**
 * Driving the real bin/adonis-lite as a child process: one-shot commands, long-running servers
 * (each in its own process group, always stopped), temp folders and HTTP polling with a bound.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

export const FRAMEWORK_ROOT = path.resolve(__dirname, '..', '..')
export const BIN = path.join(FRAMEWORK_ROOT, 'bin', 'adonis-lite')

/** The environment of every child: none of the settings an app reads from .env, no colour hints. */
export function cliEnv (extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const key of ['NODE_ENV', 'PORT', 'HOST', 'APP_KEY', 'APP_KEY_PREVIOUS', 'SESSION_DRIVER', 'FORCE_COLOR', 'NO_COLOR', 'LOG_LEVEL']) delete env[key]
  return { ...env, ...extra }
}

export interface Result {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command to its end (killed after timeoutMs). */
export function run (command: string, args: string[], options: { cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cliEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk) => { stdout += chunk })
    child.stderr!.on('data', (chunk) => { stderr += chunk })
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL')
      reject(new Error(`${path.basename(command)} ${args.join(' ')} took over ${options.timeoutMs ?? 30_000} ms\n${stdout}\n${stderr}`))
    }, options.timeoutMs ?? 30_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** `adonis-lite <args>` in cwd. */
export function cli (args: string[], cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number): Promise<Result> {
  return run(process.execPath, [BIN, ...args], { cwd, env, timeoutMs })
}

/** A long-running child (a server) with its output collected; stop() ends its whole process group. */
export class Running {
  readonly child: ChildProcess
  #output = ''
  readonly exited: Promise<number | null>

  constructor (command: string, args: string[], options: { cwd: string, env?: NodeJS.ProcessEnv }) {
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cliEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    this.child.stdout!.on('data', (chunk) => { this.#output += chunk })
    this.child.stderr!.on('data', (chunk) => { this.#output += chunk })
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)))
  }

  get output (): string {
    return this.#output
  }

  /** Resolves with the output written after `from` once it matches; rejects after timeoutMs. */
  async waitForOutput (pattern: RegExp, from = 0, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const text = this.#output.slice(from)
      if (pattern.test(text)) return text
      await sleep(25)
    }
    throw new Error(`no output matching ${pattern} within ${timeoutMs} ms; output:\n${this.#output}`)
  }

  /** SIGTERM to the process group, SIGKILL to whatever is left after graceMs. */
  async stop (graceMs = 5000): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      killGroup(this.child, 'SIGTERM')
      let timer: NodeJS.Timeout | undefined
      await Promise.race([this.exited, new Promise((resolve) => { timer = setTimeout(resolve, graceMs) })])
      clearTimeout(timer)
    }
    killGroup(this.child, 'SIGKILL')
  }
}

export function killGroup (child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // already gone
  }
}

/** Whether any process of the group is still running (exited ones not yet reaped do not count). */
export function groupAlive (groupId: number): boolean {
  if (!fs.existsSync('/proc/self/stat')) {
    try {
      process.kill(-groupId, 0)
      return true
    } catch {
      return false
    }
  }
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(group) === groupId && state !== 'Z') return true
    } catch {
      // it ended while we looked
    }
  }
  return false
}

export function sleep (ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export interface HttpAnswer {
  status: number
  text: string
  headers: http.IncomingHttpHeaders
}

/** One GET on a fresh connection (so that cluster workers take turns); rejects when nothing answers. */
export function get (url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { connection: 'close', ...headers }, timeout: 2000 }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => { text += chunk })
      response.on('end', () => resolve({ status: response.statusCode!, text, headers: response.headers }))
    })
    request.on('timeout', () => request.destroy(new Error('timed out')))
    request.on('error', reject)
  })
}

/** Polls url until an answer passes the check; resolves with it and how long it took. */
export async function waitForHttp (url: string, check: (answer: HttpAnswer) => boolean, timeoutMs = 15_000): Promise<HttpAnswer & { waitedMs: number }> {
  const started = performance.now()
  let last = 'no answer'
  while (performance.now() - started < timeoutMs) {
    try {
      const answer = await get(url)
      if (check(answer)) return { ...answer, waitedMs: performance.now() - started }
      last = `${answer.status} ${answer.text.slice(0, 200)}`
    } catch (error) {
      last = (error as Error).message
    }
    await sleep(10)
  }
  throw new Error(`${url} did not answer as expected within ${timeoutMs} ms (last: ${last})`)
}

/** A new empty folder under the system's temp folder (outside this repository). */
export function tempDir (prefix = 'adonis-lite-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/**
 * A scaffolded app (`new --link`) whose node_modules/adonis-lite links to this checkout, as
 * `npm install` would make it, without the install: for tests of the commands that run inside an app.
 */
export async function linkedApp (): Promise<string> {
  const parent = tempDir()
  const result = await cli(['new', 'app', '--link'], parent)
  if (result.code !== 0) throw new Error(`adonis-lite new failed:\n${result.stdout}${result.stderr}`)
  const root = path.join(parent, 'app')
  fs.mkdirSync(path.join(root, 'node_modules'))
  fs.symlinkSync(FRAMEWORK_ROOT, path.join(root, 'node_modules', 'adonis-lite'), 'dir')
  return root
}

export function removeDir (dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true })
}
