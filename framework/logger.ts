/**
 * A small leveled logger. Errors and warnings go to stderr, the rest to stdout; LOG_LEVEL
 * (error, warn, info, debug) sets how much is printed.
 */

const LEVELS = ['error', 'warn', 'info', 'debug'] as const
export type LogLevel = typeof LEVELS[number]

export class Logger {
  readonly #threshold: number

  constructor (level: string = process.env.LOG_LEVEL ?? 'info') {
    const index = LEVELS.indexOf(level as LogLevel)
    this.#threshold = index === -1 ? LEVELS.indexOf('info') : index
  }

  enabled (level: LogLevel): boolean {
    return LEVELS.indexOf(level) <= this.#threshold
  }

  error (message: string): void { this.#write('error', message) }
  warn (message: string): void { this.#write('warn', message) }
  info (message: string): void { this.#write('info', message) }
  debug (message: string): void { this.#write('debug', message) }

  #write (level: LogLevel, message: string): void {
    if (!this.enabled(level)) return
    const line = `[adonis-lite] ${level}: ${message}\n`
    if (level === 'error' || level === 'warn') process.stderr.write(line)
    else process.stdout.write(line)
  }
}
