/**
 * `adonis-lite serve`: runs the app in the current folder. Production mode unless --dev
 * (or NODE_ENV says otherwise).
 */
import { serverUrl, type Application } from '../../application'
import { E_CLI_USAGE } from '../../errors'
import { boot } from '../../ignitor'
import type { Command } from '../command'
import { paint, say } from '../output'

export const serveCommand: Command = {
  summary: 'run the app in the current folder',
  help: `adonis-lite serve [--port N]

Serves the app in the current folder on HOST:PORT (127.0.0.1:3333 unless .env, the
environment or config/app.ts say otherwise), in production mode: views are cached and
error pages show no stack traces.

  --port N    listen on port N`,
  options: {
    port: { type: 'string', short: 'p' },
    dev: { type: 'boolean' },
  },
  async run (_positionals, flags) {
    process.env.NODE_ENV ??= flags.dev ? 'development' : 'production'
    const port = flags.port === undefined ? undefined : parsePort(String(flags.port))
    await startServer(process.cwd(), port)
    return undefined
  },
}

/** Boots the app and listens; stops cleanly on SIGTERM and SIGINT. */
export async function startServer (root: string, port?: number): Promise<Application> {
  const app = boot({ root })
  const host = app.config.get<string>('app.http.host', process.env.HOST || '127.0.0.1')
  const listenPort = port ?? Number(app.config.get('app.http.port', process.env.PORT || 3333))
  const server = await app.listen(listenPort, host)
  const mode = app.production ? 'production' : 'development'
  say(`${paint('adonis-lite', 'green')} serving ${paint(serverUrl(server), 'cyan')} (${mode}, ${app.sessions.config.driver} sessions)`)
  const stop = () => {
    void app.close().then(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  return app
}

function parsePort (value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw E_CLI_USAGE(`--port needs a port number (0-65535), not '${value}'`)
  return port
}
