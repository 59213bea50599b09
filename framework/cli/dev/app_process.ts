/**
 * One run of the app under `serve --dev`: a child process (dev_worker.ts) driven over IPC.
 * Each step (boot, listen) resolves with an outcome and never rejects, so that nothing the
 * app does can bring the dev server down.
 */
import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { ServingInfo } from '../listen'
import { resolveTool } from '../tools'
import type { ParentMessage, WorkerMessage } from './protocol'

export type Outcome<T = void> = { ok: true, value: T } | { ok: false, message: string }

/** The child's entry: dev_worker.js once compiled, dev_worker.ts when run from the sources. */
const WORKER = path.join(__dirname, `dev_worker${path.extname(__filename)}`)

/** How long a stopping child may take before it is killed outright. */
const STOP_GRACE_MS = 1000

export class AppProcess {
  readonly #child: ChildProcess
  readonly #exited: Promise<void>
  #exitDescription: string | null = null
  #waiter: ((message: WorkerMessage | null) => void) | null = null
  #preloaded = false
  #booting = false
  #stopping = false
  #onCrash: ((description: string) => void) | null = null

  constructor (root: string, env: NodeJS.ProcessEnv) {
    // tsx's CommonJS hook (the app's own, else the framework's), so the child can load TypeScript.
    const tsx = resolveTool('tsx/cjs', root)
    this.#child = fork(WORKER, [], { cwd: root, env, execArgv: ['--require', tsx], stdio: 'inherit' })
    this.#child.on('message', (message: WorkerMessage) => {
      if (message.type === 'preloaded') this.#preloaded = true
      this.#deliver(message)
    })
    this.#exited = new Promise((resolve) => {
      const exited = (code: number | null, signal: NodeJS.Signals | null) => {
        this.#exitDescription = signal ? `was stopped by ${signal}` : `exited with code ${code}`
        this.#deliver(null)
        if (!this.#stopping) this.#onCrash?.(this.#exitDescription)
        resolve()
      }
      this.#child.once('exit', exited)
      this.#child.once('error', (error) => {
        this.#exitDescription = `could not be started: ${error.message}`
        this.#deliver(null)
        resolve()
      })
    })
  }

  get pid (): number | undefined {
    return this.#child.pid
  }

  /** Called once if the process ends without being asked to: a crash of the app. */
  onCrash (callback: (description: string) => void): void {
    this.#onCrash = callback
  }

  /** Loads the app's files; fails with a printable message (the file and line of a mistake). */
  async boot (): Promise<Outcome> {
    if (!this.#preloaded) {
      const ready = await this.#next()
      if (ready?.type !== 'preloaded') return this.#died('while starting')
    }
    this.#booting = true
    this.#send({ type: 'boot' })
    const answer = await this.#next()
    if (answer === null) return this.#died('while booting')
    if (answer.type === 'failed') return { ok: false, message: answer.message }
    return { ok: true, value: undefined }
  }

  async listen (port: number | undefined): Promise<Outcome<ServingInfo>> {
    this.#send({ type: 'listen', port })
    const answer = await this.#next()
    if (answer === null) return this.#died('while starting to listen')
    if (answer.type === 'failed') return { ok: false, message: answer.message }
    if (answer.type !== 'ready') return { ok: false, message: `unexpected message from the app process: ${answer.type}` }
    return { ok: true, value: answer.serving }
  }

  /**
   * SIGTERM, then SIGKILL if it is still there after a moment; a spare that never loaded the
   * app has nothing to finish and is killed at once. Resolves once it has exited.
   */
  async stop (): Promise<void> {
    this.#stopping = true
    if (this.#exitDescription === null) {
      this.#child.kill(this.#booting ? 'SIGTERM' : 'SIGKILL')
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), STOP_GRACE_MS)
      await this.#exited
      clearTimeout(timer)
    }
  }

  #send (message: ParentMessage): void {
    if (this.#child.connected) this.#child.send(message)
  }

  /** The next message other than 'preloaded' (or 'preloaded' when waiting for it); null once the process is gone. */
  #next (): Promise<WorkerMessage | null> {
    if (this.#exitDescription !== null) return Promise.resolve(null)
    return new Promise((resolve) => { this.#waiter = resolve })
  }

  #deliver (message: WorkerMessage | null): void {
    const waiter = this.#waiter
    if (!waiter) return
    this.#waiter = null
    waiter(message)
  }

  #died (when: string): Outcome<never> {
    return { ok: false, message: `the app process ${this.#exitDescription ?? 'stopped'} ${when}` }
  }
}
