/**
 * `serve --dev`: runs the app in a child process and restarts it when a file in app/, config/,
 * start/ or .env changes. Views (resources/) are re-read by the app on every render in
 * development, so they need no restart. A spare process with the framework already loaded
 * waits for each change, which keeps a restart well under a second. Nothing the app does (a
 * syntax error, a crash) stops the dev server: it prints the error, shows it on the app's port,
 * and tries again on the next save.
 */
import fs from 'node:fs'
import path from 'node:path'
import chokidar from 'chokidar'
import dotenv from 'dotenv'
import { complain, paint, say } from '../output'
import type { ListenAddress, ServingInfo } from '../listen'
import { AppProcess } from './app_process'
import { ErrorPage } from './error_page'
import { startTypeChecker, type TypeChecker } from './type_checker'
import { changeKind, isIgnored, WATCHED } from './watched_files'

export interface DevServerOptions {
  root: string
  /** --port; 0 picks a free port once and keeps it across restarts. */
  port?: number
  /** Check types in the background and print type errors. */
  typecheck: boolean
}

/** Edits come in bursts (save-all, a formatter); one restart per burst. */
const DEBOUNCE_MS = 50

export class DevServer {
  readonly #options: DevServerOptions
  readonly #env: NodeJS.ProcessEnv
  readonly #errorPage = new ErrorPage()
  #watcher: chokidar.FSWatcher | null = null
  #typeChecker: TypeChecker | null = null
  #active: AppProcess | null = null
  #spare: AppProcess | null = null
  #serving: ServingInfo | null = null
  #changed = new Set<string>()
  #changeStartedAt = 0
  #timer: NodeJS.Timeout | null = null
  #restarting: Promise<void> | null = null
  #again = false
  #stopped = false
  /** Set when the first start cannot listen (the port is taken): nothing to wait for then. */
  #fatal: string | null = null
  #starting = true

  constructor (options: DevServerOptions) {
    this.#options = options
    this.#env = { ...process.env, NODE_ENV: 'development' }
  }

  /**
   * Watches and serves; resolves once the app has been started (or has failed to boot) for the
   * first time, with false when it cannot listen at all.
   */
  async start (): Promise<boolean> {
    this.#spare = this.#spawn()
    const watcher = chokidar.watch(WATCHED.map((entry) => path.join(this.#options.root, entry)), {
      ignoreInitial: true,
      ignored: isIgnored,
    })
    this.#watcher = watcher
    watcher.on('all', (_event, file) => this.#onChange(file))
    watcher.on('error', (error) => complain(`file watcher: ${(error as Error).message}`))
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
    this.#changeStartedAt = performance.now()
    await this.#restart()
    this.#starting = false
    if (this.#fatal !== null) {
      await this.stop()
      return false
    }
    say(paint(`watching ${WATCHED.join(', ')} for changes; Ctrl-C to stop`, 'dim'))
    if (this.#options.typecheck && !this.#stopped) this.#typeChecker = startTypeChecker(this.#options.root, this.#env)
    return true
  }

  /** Stops watching and every process it started. */
  async stop (): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    await Promise.all([
      this.#watcher?.close(),
      this.#active?.stop(),
      this.#spare?.stop(),
      this.#typeChecker?.stop(),
      this.#errorPage.close(),
    ])
  }

  #onChange (file: string): void {
    if (this.#stopped) return
    const relative = path.relative(this.#options.root, file)
    const kind = changeKind(relative)
    if (kind === null) return
    if (kind === 'view') {
      say(paint(`${relative} changed: views are re-read on every render, no restart needed`, 'dim'))
      return
    }
    if (this.#changed.size === 0) this.#changeStartedAt = performance.now()
    this.#changed.add(relative)
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = null
      say(`${paint([...this.#changed].join(', '), 'cyan')} changed: restarting`)
      this.#changed.clear()
      this.#restart()
    }, DEBOUNCE_MS)
  }

  /** One restart at a time; a change during one runs another right after it. */
  #restart (): Promise<void> {
    if (this.#restarting) {
      this.#again = true
      return this.#restarting
    }
    this.#restarting = (async () => {
      do {
        this.#again = false
        await this.#replaceApp()
      } while (this.#again && !this.#stopped)
      this.#restarting = null
    })()
    return this.#restarting
  }

  /** Boots a new process while the old one stops, then lets it listen once the port is free. */
  async #replaceApp (): Promise<void> {
    const next = this.#spare ?? this.#spawn()
    this.#spare = null
    const previous = this.#active
    this.#active = null
    const [booted] = await Promise.all([next.boot(), previous?.stop(), this.#errorPage.close()])
    const listened = booted.ok && !this.#stopped ? await next.listen(this.#port()) : null
    if (this.#stopped) {
      next.stop()
      return
    }
    if (booted.ok && listened?.ok) {
      this.#active = next
      next.onCrash((description) => this.#onCrash(next, description))
      this.#announce(listened.value)
    } else {
      const message = booted.ok ? (listened as { message: string }).message : booted.message
      next.stop()
      complain(message)
      if (booted.ok && this.#starting) {
        this.#fatal = message
        return
      }
      say(paint('waiting for a change to restart', 'yellow'))
      await this.#errorPage.show(message, this.#errorAddress())
    }
    if (!this.#stopped) this.#spare = this.#spawn()
  }

  #announce (serving: ServingInfo): void {
    const first = this.#serving === null
    this.#serving = serving
    const elapsed = Math.round(performance.now() - this.#changeStartedAt)
    if (first) {
      say(`${paint('adonis-lite', 'green')} serving ${paint(serving.url, 'cyan')} (${serving.mode}, ${serving.driver} sessions)`)
    } else {
      say(`${paint('restarted', 'green')} in ${elapsed} ms: ${paint(serving.url, 'cyan')}`)
    }
  }

  #onCrash (process: AppProcess, description: string): void {
    if (this.#active !== process || this.#stopped) return
    this.#active = null
    const message = `the app process ${description}`
    complain(message)
    say(paint('waiting for a change to restart', 'yellow'))
    this.#errorPage.show(`${message}: see the dev server's output`, this.#errorAddress())
  }

  #spawn (): AppProcess {
    return new AppProcess(this.#options.root, this.#env)
  }

  /** --port, except that a port picked by the system (--port 0) is kept across restarts. */
  #port (): number | undefined {
    if (this.#options.port === 0 && this.#serving) return Number(new URL(this.#serving.url).port)
    return this.#options.port
  }

  /** Where the app was (or would be) listening, for the error page. */
  #errorAddress (): ListenAddress {
    if (this.#serving) {
      const url = new URL(this.#serving.url)
      return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) }
    }
    const file = path.join(this.#options.root, '.env')
    const dotEnv = fs.existsSync(file) ? dotenv.parse(fs.readFileSync(file)) : {}
    return {
      host: process.env.HOST || dotEnv.HOST || '127.0.0.1',
      port: this.#options.port ?? Number(process.env.PORT || dotEnv.PORT || 3333),
    }
  }
}

/** Runs the dev server until SIGINT or SIGTERM; resolves with the exit code. */
export async function runDevServer (options: DevServerOptions): Promise<number> {
  const server = new DevServer(options)
  const stopped = new Promise<number>((resolve) => {
    const stop = () => { server.stop().then(() => resolve(0)) }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    process.once('SIGHUP', stop)
  })
  if (!(await server.start())) return 1
  return stopped
}
