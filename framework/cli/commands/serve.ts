/**
 * `adonis-lite serve`: runs the app in the current folder. Production mode unless --dev (or
 * NODE_ENV says otherwise); --dev restarts on changes, --workers runs a node cluster.
 */
import type { Cluster } from 'node:cluster'
import os from 'node:os'
import type { Application } from '../../application'
import { E_CANNOT_LISTEN, E_CLI_USAGE } from '../../errors'
import type { Command } from '../command'
import { paint, say } from '../output'
import { expectArguments, requireApp } from './arguments'

export const serveCommand: Command = {
  summary: 'run the app in the current folder (--dev: restart on changes)',
  help: `adonis-lite serve [--dev] [--port N] [--workers N]

Serves the app in the current folder on HOST:PORT (127.0.0.1:3333 unless .env, the
environment or config/app.ts say otherwise).

Without --dev it runs in production mode: views are cached and error pages show no stack
traces. With --dev it runs in development mode, watches app/, config/, start/, resources/
and .env, and restarts the app when a file changes (views need no restart); an error in a
file is printed with its line, and the next save tries again.

  --dev            development mode: restart on changes, stack traces in error pages
  --port N, -p N   listen on port N (0: any free port)
  --workers N      run N processes on one port with node:cluster ('auto': one per CPU);
                   a crashed worker is replaced, and SIGHUP replaces them all one at a
                   time without dropping a request (a deploy). Not with --dev
  --no-typecheck   with --dev: do not check types in the background

Stop it with Ctrl-C (or SIGTERM): requests in flight finish first, for at most
http.drainTimeout ms (config/app.ts, 10000 unless set); the log says how it went.`,
  loadsApp: true,
  options: {
    dev: { type: 'boolean' },
    port: { type: 'string', short: 'p' },
    workers: { type: 'string' },
    'no-typecheck': { type: 'boolean' },
  },
  async run (positionals, flags) {
    expectArguments('serve', positionals, [])
    const port = flags.port === undefined ? undefined : parsePort(String(flags.port))
    const workers = flags.workers === undefined ? undefined : parseWorkers(String(flags.workers))
    if (workers !== undefined && flags.dev) {
      throw E_CLI_USAGE('--workers cannot be used with --dev: the dev server runs the app in one process that it restarts on changes')
    }
    if (flags['no-typecheck'] && !flags.dev) throw E_CLI_USAGE('--no-typecheck only applies to --dev')
    const root = process.cwd()

    // Loaded only when needed: `serve --help` should not wait for the framework to load.
    // A cluster worker has an IPC channel to its primary; a plain serve has none, and does not
    // load node:cluster, which costs a cold start several ms (bench/startup.ts).
    if (process.send !== undefined && (require('node:cluster') as Cluster).isWorker) {
      const { runWorker } = require('../cluster') as typeof import('../cluster')
      await runWorker(root, port)
      return undefined
    }
    requireApp(root)
    if (flags.dev) {
      process.env.NODE_ENV = 'development'
      const { runDevServer } = require('../dev/dev_server') as typeof import('../dev/dev_server')
      return runDevServer({ root, port, typecheck: !flags['no-typecheck'] })
    }
    process.env.NODE_ENV ??= 'production'
    if (workers !== undefined) return (require('../cluster') as typeof import('../cluster')).runPrimary(workers)
    await startServer(root, port)
    return undefined
  },
}

/** Boots the app and listens; on SIGTERM and SIGINT finishes the requests in flight, then stops. */
export async function startServer (root: string, port?: number): Promise<Application> {
  const { boot } = require('../../ignitor') as typeof import('../../ignitor')
  const { listenAddress, listenFailure, servingInfo } = require('../listen') as typeof import('../listen')
  const { drainTimeout, ServerDrain, stopServing } = require('../shutdown') as typeof import('../shutdown')
  const app = boot({ root })
  const drainMs = drainTimeout(app)
  const address = listenAddress(app, port)
  let server
  try {
    server = await app.listen(address.port, address.host)
  } catch (error) {
    await app.close()
    throw E_CANNOT_LISTEN(listenFailure(error as NodeJS.ErrnoException, address))
  }
  const drain = new ServerDrain(server)
  const { url, mode, driver } = servingInfo(app, server)
  say(`${paint('adonis-lite', 'green')} serving ${paint(url, 'cyan')} (${mode}, ${driver} sessions)`)
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    stopServing(app, drain, drainMs, 'server').finally(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  return app
}

function parsePort (value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) throw E_CLI_USAGE(`--port needs a port number (0-65535), not '${value}'`)
  return port
}

function parseWorkers (value: string): number {
  if (value === 'auto') return os.availableParallelism()
  const count = Number(value)
  if (!/^\d+$/.test(value) || count < 1 || count > 256) {
    throw E_CLI_USAGE(`--workers needs a number of processes (1-256) or 'auto', not '${value}'`)
  }
  return count
}
