/**
 * `serve --workers N`: a node:cluster primary and N workers that each boot the app and share
 * one port. A worker that crashes is replaced after a short, growing pause; a worker that
 * cannot boot stops everything with its error printed once (it is a mistake in the app, and
 * every new worker would hit it too). SIGHUP replaces the workers one at a time, each new one
 * listening before an old one stops, so a deploy drops no request; a new worker that cannot
 * boot ends the restart and leaves the running ones serving.
 */
import cluster, { type Worker } from 'node:cluster'
import type { Application } from '../application'
import { boot } from '../ignitor'
import { formatError } from './error_format'
import { listenAddress, listenFailure, servingInfo, type ServingInfo } from './listen'
import { complain, paint, say, warn } from './output'
import { drainTimeout, ServerDrain, stopServing } from './shutdown'

type WorkerMessage =
  | { type: 'ready', serving: ServingInfo, drainMs: number }
  | { type: 'failed', message: string }

/** More crashes than this within CRASH_WINDOW_MS and the primary gives up. */
const MAX_CRASHES = 10
const CRASH_WINDOW_MS = 60_000
const FIRST_BACKOFF_MS = 100
const MAX_BACKOFF_MS = 5000
/** What a stopping worker gets beyond its drain time (closing the session store, exiting) before SIGKILL. */
const EXIT_GRACE_MS = 5000

/** The primary: runs the workers until SIGINT or SIGTERM, replaces them on SIGHUP; resolves with the exit code. */
export function runPrimary (count: number): Promise<number> {
  // node:cluster's round-robin (the default; NODE_CLUSTER_SCHED_POLICY=none hands connections
  // to the kernel instead): see docs/deployment.md for what each costs when a worker dies.
  return new Promise((resolve) => {
    const primary = new Primary(count, resolve)
    process.once('SIGINT', () => primary.finish(0))
    process.once('SIGTERM', () => primary.finish(0))
    process.on('SIGHUP', () => { primary.restart() })
    primary.startAll()
  })
}

class Primary {
  readonly #ready = new Set<Worker>()
  /** Workers started by a restart that have not listened yet: their failure ends the restart, not the server. */
  readonly #probation = new Map<Worker, (ready: boolean) => void>()
  /** Workers told to stop: their exit is no crash. */
  readonly #retiring = new Set<Worker>()
  readonly #crashes: number[] = []
  #drainMs = 0
  #stopping = false
  #restarting = false
  #announced = false

  constructor (readonly count: number, readonly resolve: (code: number) => void) {}

  startAll (): void {
    for (let index = 0; index < this.count; index++) this.#start()
  }

  /** Replaces every worker, one at a time: the new one listens before the old one drains and exits. */
  async restart (): Promise<void> {
    if (this.#stopping) return
    if (this.#restarting) return warn('SIGHUP: a restart is already under way')
    this.#restarting = true
    const started = Date.now()
    const old = [...this.#ready]
    say(`SIGHUP: replacing ${old.length} workers one at a time`)
    let replaced = 0
    for (const worker of old) {
      if (this.#stopping) break
      const fresh = this.#start()
      const listening = await new Promise<boolean>((resolve) => this.#probation.set(fresh, resolve))
      if (!listening) {
        complain(`a new worker could not start: the ${old.length - replaced} workers still running keep serving; fix the app and send SIGHUP again`)
        break
      }
      await this.#retire(worker)
      replaced++
    }
    this.#restarting = false
    if (replaced === old.length) say(`replaced ${replaced} workers in ${Date.now() - started} ms`)
  }

  /** Stops every worker (each drains its requests first), then resolves with code. */
  finish (code: number): void {
    if (this.#stopping) return
    this.#stopping = true
    for (const settle of this.#probation.values()) settle(false)
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined)
    say(`stopping ${workers.length} workers`)
    Promise.all(workers.map((worker) => this.#retire(worker))).then(() => this.resolve(code))
  }

  #start (): Worker {
    const worker = cluster.fork()
    worker.on('message', (message: WorkerMessage) => this.#message(worker, message))
    worker.on('exit', (code, signal) => this.#exited(worker, code, signal))
    return worker
  }

  #message (worker: Worker, message: WorkerMessage): void {
    // Stopping already (another worker's boot error): the others' failures say the same.
    if (this.#stopping) return
    const settle = this.#probation.get(worker)
    this.#probation.delete(worker)
    if (message.type === 'failed') {
      complain(message.message)
      if (!settle) return this.finish(1)
      // A worker of a restart: it exits by itself, and its exit is no reason to stop the others.
      this.#retiring.add(worker)
      return settle(false)
    }
    this.#ready.add(worker)
    this.#drainMs = message.drainMs
    settle?.(true)
    if (!this.#announced && this.#ready.size === this.count) {
      this.#announced = true
      const { url, mode, driver } = message.serving
      say(`${paint('adonis-lite', 'green')} serving ${paint(url, 'cyan')} (${mode}, ${driver} sessions, ${this.count} workers)`)
      if (driver === 'memory' && this.count > 1) {
        warn('the memory session driver keeps sessions per worker: use cookie, file or redis sessions with --workers')
      }
    }
  }

  #exited (worker: Worker, code: number | null, signal: string | null): void {
    const wasReady = this.#ready.delete(worker)
    const settle = this.#probation.get(worker)
    this.#probation.delete(worker)
    if (this.#stopping || this.#retiring.has(worker)) return
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`
    if (settle) return settle(false)
    if (!wasReady) {
      // It died before listening, without saying why: the reason is in its output above.
      complain(`a worker ${how} while starting`)
      return this.finish(1)
    }
    const now = Date.now()
    this.#crashes.push(now)
    while (this.#crashes.length > 0 && this.#crashes[0]! < now - CRASH_WINDOW_MS) this.#crashes.shift()
    if (this.#crashes.length > MAX_CRASHES) {
      complain(`workers crashed ${this.#crashes.length} times in a minute: stopping`)
      return this.finish(1)
    }
    const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (this.#crashes.length - 1))
    warn(`worker ${worker.process.pid} ${how}: starting another in ${backoff} ms`)
    setTimeout(() => { if (!this.#stopping) this.#start() }, backoff)
  }

  /** SIGTERM (the worker drains, then exits); SIGKILL if it is still there well after its drain time. */
  #retire (worker: Worker): Promise<void> {
    this.#retiring.add(worker)
    this.#ready.delete(worker)
    if (worker.isDead()) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => worker.process.kill('SIGKILL'), this.#drainMs + EXIT_GRACE_MS)
      worker.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      worker.process.kill('SIGTERM')
    })
  }
}

/** A worker: boots the app and listens on the shared port; drains and stops on SIGTERM or when the primary is gone. */
export async function runWorker (root: string, port: number | undefined): Promise<void> {
  let app: Application
  let drainMs: number
  try {
    app = boot({ root })
    drainMs = drainTimeout(app)
  } catch (error) {
    return fail(formatError(error, root))
  }
  const address = listenAddress(app, port)
  let drain: ServerDrain
  try {
    const server = await app.listen(address.port, address.host)
    drain = new ServerDrain(server)
    process.send!({ type: 'ready', serving: servingInfo(app, server), drainMs } satisfies WorkerMessage)
  } catch (error) {
    return fail(listenFailure(error as NodeJS.ErrnoException, address))
  }
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    stopServing(app, drain, drainMs, `worker ${process.pid}`).finally(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  // SIGHUP is for the primary (a terminal's hangup reaches the whole group): the primary decides.
  process.on('SIGHUP', () => {})
  process.once('disconnect', stop)
}

/** Tells the primary why this worker cannot run, then exits once the message is on its way. */
function fail (message: string): void {
  process.send!({ type: 'failed', message } satisfies WorkerMessage, () => process.exit(1))
}
