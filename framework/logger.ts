/**
 * The app's logger: pino, writing one JSON object a line in production (for a log collector)
 * and a readable line in development. config/app.ts `logger` says the level, whether every
 * request is logged, and where lines go; LOG_LEVEL in the environment sets the level when the
 * config does not (under the Jest preset, a test's lines are printed only if it fails).
 */
import path from 'node:path'
import type Pino from 'pino'
import { E_INVALID_CONFIG } from './errors'
import { isPlainObject } from './support/object_path'
import { flushPeriodically, LogFile } from './log_file'
import { devLineWriter, type Sink } from './log_format'

/** The logger: logger.info('text'), logger.error({ err }, 'text'), logger.child({ module: 'billing' }). */
export type Logger = LazyLogger

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export interface LoggerConfig {
  level: string
  /** One line per request (method, path, status, ms, request id). */
  requestLog: boolean
  /** 'stdout', 'stderr', or a file (relative to the app's folder). */
  destination: string
  /** Readable lines rather than JSON. */
  pretty: boolean
}

/** config/app.ts `logger`, checked: a mistake stops the boot naming the key. Defaults depend on the mode. */
export function loggerConfig (given: unknown, production: boolean): LoggerConfig {
  if (given !== undefined && !isPlainObject(given)) throw E_INVALID_CONFIG('config/app.ts', 'logger', "must be an object, such as { level: 'info', requestLog: true }")
  const options = (given ?? {}) as Record<string, unknown>
  const config = {
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    requestLog: options.requestLog ?? !production,
    destination: options.destination ?? 'stdout',
    pretty: options.pretty ?? !production,
  }
  if (typeof config.level !== 'string' || !(LOG_LEVELS as readonly string[]).includes(config.level)) {
    throw E_INVALID_CONFIG('config/app.ts', 'logger.level', `must be one of ${LOG_LEVELS.join(', ')} (LOG_LEVEL in the environment is used when it is not set), not ${JSON.stringify(config.level)}`)
  }
  if (typeof config.requestLog !== 'boolean') throw E_INVALID_CONFIG('config/app.ts', 'logger.requestLog', 'must be true or false')
  if (typeof config.pretty !== 'boolean') throw E_INVALID_CONFIG('config/app.ts', 'logger.pretty', 'must be true or false')
  if (typeof config.destination !== 'string' || config.destination === '') {
    throw E_INVALID_CONFIG('config/app.ts', 'logger.destination', "must be 'stdout', 'stderr' or a file path, such as 'storage/logs/app.log'")
  }
  return config as LoggerConfig
}

/** A logger for this config; a file destination is relative to root and appended to. */
export function createLogger (config: Partial<LoggerConfig> = {}, root = process.cwd()): Logger {
  const { level = process.env.LOG_LEVEL ?? 'info', destination = 'stdout', pretty = false } = config
  return new LazyLogger(level, () => {
    const pino = loadPino()
    const fd = destination === 'stdout' ? 1 : destination === 'stderr' ? 2 : null
    const testSink = fd === null ? undefined : (globalThis as { __adonisLiteLogSink?: Sink }).__adonisLiteLogSink
    // Under the Jest preset, lines go to its environment, which prints a test's lines if it fails.
    if (testSink !== undefined) return pino({ level, base: undefined }, devLineWriter(testSink))
    // stdout in production, and a file, are written in batches (at least every 250 ms): a busy
    // server then makes one write for many request lines. Development writes each line at once.
    const stream = fd === null ? new LogFile(path.resolve(root, destination)) : standardStream(pino, fd, pretty)
    return pino({ level, base: undefined }, pretty ? devLineWriter(stream) : stream)
  })
}

const STDOUT_BATCH_BYTES = 4096

let pinoModule: typeof Pino | null = null

function loadPino (): typeof Pino {
  return (pinoModule ??= require('pino') as typeof Pino)
}

function standardStream (pino: typeof Pino, fd: number, pretty: boolean): Pino.DestinationStream {
  if (pretty) return pino.destination({ fd, sync: true })
  const stream = pino.destination({ fd, sync: true, minLength: STDOUT_BATCH_BYTES })
  // (A synchronous stream writes out at once; pino's own flush at exit covers asynchronous ones only.)
  flushPeriodically({ flush: () => stream.flush() })
  return stream
}

const LEVEL_VALUES: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity }

/**
 * pino, loaded on the first line actually written: it takes several ms to load, which a cold
 * start need not pay when nothing is logged (bench/startup.ts). Lines below the level are
 * dropped without loading it.
 */
class LazyLogger {
  readonly #threshold: number
  #pino: Pino.Logger | null = null
  #stream: Pino.DestinationStream | null = null

  constructor (readonly level: string, private readonly make: () => Pino.Logger) {
    this.#threshold = LEVEL_VALUES[level] ?? LEVEL_VALUES.info!
  }

  get pino (): Pino.Logger {
    return (this.#pino ??= this.make())
  }

  readonly fatal = this.#at('fatal')
  readonly error = this.#at('error')
  readonly warn = this.#at('warn')
  readonly info = this.#at('info')
  readonly debug = this.#at('debug')
  readonly trace = this.#at('trace')

  isLevelEnabled (level: string): boolean {
    return (LEVEL_VALUES[level] ?? Infinity) >= this.#threshold
  }

  /** A logger whose lines carry these fields too. */
  child (bindings: Pino.Bindings): Logger {
    return new LazyLogger(this.level, () => this.pino.child(bindings))
  }

  /**
   * Writes a line already in pino's JSON form, past pino: for the line of each request, whose
   * fields are known, built by hand at a fraction of the cost (bench:logs). The caller checks
   * the level.
   */
  writeLine (json: string): void {
    this.#stream ??= (this.pino as unknown as Record<symbol, Pino.DestinationStream>)[loadPino().symbols.streamSym]!
    this.#stream.write(json)
  }

  /** Calls back once every line logged so far is written. */
  flush (callback: () => void): void {
    if (this.#pino === null) callback()
    else this.#pino.flush(() => callback())
  }

  #at (level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'): Pino.LogFn {
    const value = LEVEL_VALUES[level]!
    return ((...args: unknown[]) => {
      if (value >= this.#threshold) (this.pino[level] as (...args: unknown[]) => void)(...args)
    }) as Pino.LogFn
  }
}

/** Resolves once every line logged so far is written. */
export function flushLogger (logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()))
}
