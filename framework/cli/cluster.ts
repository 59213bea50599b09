/**
 * `serve --workers N`: a node:cluster primary and N workers that each boot the app and share
 * one port. A worker that crashes is replaced after a short, growing pause; a worker that
 * cannot boot stops everything with its error printed once (it is a mistake in the app, and
 * every new worker would hit it too).
 */
import cluster, { type Worker } from 'node:cluster'
import type { Application } from '../application'
import { boot } from '../ignitor'
import { formatError } from './error_format'
import { listenAddress, listenFailure, servingInfo, type ServingInfo } from './listen'
import { complain, paint, say, warn } from './output'

type WorkerMessage =
  | { type: 'ready', serving: ServingInfo }
  | { type: 'failed', message: string }

/** More crashes than this within CRASH_WINDOW_MS and the primary gives up. */
const MAX_CRASHES = 10
const CRASH_WINDOW_MS = 60_000
const FIRST_BACKOFF_MS = 100
const MAX_BACKOFF_MS = 5000
const STOP_GRACE_MS = 5000

/** The primary: forks the workers and keeps them running until SIGINT or SIGTERM; resolves with the exit code. */
export function runPrimary (count: number): Promise<number> {
  return new Promise((resolve) => {
    const ready = new Set<Worker>()
    const crashes: number[] = []
    let stopping = false
    let announced = false

    const finish = (code: number) => {
      if (stopping) return
      stopping = true
      const timer = setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      }, STOP_GRACE_MS)
      const done = () => {
        if (Object.keys(cluster.workers ?? {}).length > 0) return
        clearTimeout(timer)
        resolve(code)
      }
      cluster.on('exit', done)
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
      done()
    }

    const start = () => {
      const worker = cluster.fork()
      worker.on('message', (message: WorkerMessage) => {
        if (stopping) return
        if (message.type === 'failed') {
          complain(message.message)
          finish(1)
        } else if (message.type === 'ready') {
          ready.add(worker)
          if (!announced && ready.size === count) {
            announced = true
            const { url, mode, driver } = message.serving
            say(`${paint('adonis-lite', 'green')} serving ${paint(url, 'cyan')} (${mode}, ${driver} sessions, ${count} workers)`)
            if (driver === 'memory' && count > 1) {
              warn('the memory session driver keeps sessions per worker: use cookie, file or redis sessions with --workers')
            }
          }
        }
      })
      worker.on('exit', (code, signal) => {
        const wasReady = ready.delete(worker)
        if (stopping) return
        if (!wasReady) {
          // It died before listening, without saying why: the reason is in its output above.
          complain(`a worker ${signal ? `was stopped by ${signal}` : `exited with code ${code}`} while starting`)
          return finish(1)
        }
        const now = Date.now()
        crashes.push(now)
        while (crashes.length > 0 && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift()
        if (crashes.length > MAX_CRASHES) {
          complain(`workers crashed ${crashes.length} times in a minute: stopping`)
          return finish(1)
        }
        const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (crashes.length - 1))
        warn(`worker ${worker.process.pid} ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}: starting another in ${backoff} ms`)
        setTimeout(() => { if (!stopping) start() }, backoff)
      })
    }

    process.once('SIGINT', () => finish(0))
    process.once('SIGTERM', () => finish(0))
    for (let index = 0; index < count; index++) start()
  })
}

/** A worker: boots the app and listens on the shared port; stops on SIGTERM or when the primary is gone. */
export async function runWorker (root: string, port: number | undefined): Promise<void> {
  let app: Application
  try {
    app = boot({ root })
  } catch (error) {
    return fail(formatError(error, root))
  }
  const address = listenAddress(app, port)
  try {
    const server = await app.listen(address.port, address.host)
    process.send!({ type: 'ready', serving: servingInfo(app, server) } satisfies WorkerMessage)
  } catch (error) {
    return fail(listenFailure(error as NodeJS.ErrnoException, address))
  }
  const stop = () => {
    setTimeout(() => process.exit(0), STOP_GRACE_MS - 500).unref()
    void app.close().then(() => process.exit(0), () => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  process.once('disconnect', stop)
}

/** Tells the primary why this worker cannot run, then exits once the message is on its way. */
function fail (message: string): void {
  process.send!({ type: 'failed', message } satisfies WorkerMessage, () => process.exit(1))
}
