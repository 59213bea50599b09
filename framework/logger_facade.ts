/**
 * `Logger` for app code: `Logger.info('sent %d mails', count)`, `Logger.error({ err }, 'payment
 * failed')`, `Logger.child({ module: 'billing' })`. It writes with the logger of the app booted
 * last (config/app.ts `logger`), so a module may take it at its top, before the app boots.
 */
import type pino from 'pino'
import { createLogger, type Logger as AppLogger } from './logger'

let current: AppLogger | null = null

/** Called by boot(): the app's logger becomes the one Logger writes with. */
export function useLogger (logger: AppLogger): void {
  current = logger
}

function logger (): AppLogger {
  return (current ??= createLogger())
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

function at (level: Level): pino.LogFn {
  return ((...args: Parameters<pino.LogFn>) => logger()[level](...args)) as pino.LogFn
}

export const Logger = {
  fatal: at('fatal'),
  error: at('error'),
  warn: at('warn'),
  info: at('info'),
  debug: at('debug'),
  trace: at('trace'),
  /** A logger that adds these fields to each of its lines: Logger.child({ module: 'billing' }). */
  child (bindings: pino.Bindings): AppLogger {
    return logger().child(bindings)
  },
  /** Whether lines of this level are written (to skip building an expensive message). */
  isLevelEnabled (level: Level): boolean {
    return logger().isLevelEnabled(level)
  },
}
