/**
 * Development log lines: `12:04:31.207 INFO  GET /signup 200 3.1ms [id]`, and an error's stack
 * on the lines below. pino hands over JSON; reading it back costs a parse a line, which only
 * development pays.
 */
const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' }
/** Fields a line shows in its own way, or that the message already says. */
const SHOWN = new Set(['level', 'time', 'msg', 'err', 'reqId', 'method', 'path', 'status', 'ms'])

export interface Sink {
  write (text: string): unknown
  flush? (callback: (error?: Error) => void): void
}

/** A stream for pino that writes readable lines to `sink`. */
export function devLineWriter (sink: Sink): Sink {
  return {
    write: (line: string) => sink.write(formatLine(line)),
    flush: (callback) => sink.flush ? sink.flush(callback) : callback(),
  }
}

/** One pino JSON line as a readable line (as it is, should it not be JSON). */
export function formatLine (line: string): string {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(line) as Record<string, unknown>
  } catch {
    return line
  }
  const time = clock(new Date(Number(entry.time)))
  const level = LEVEL_NAMES[Number(entry.level)] ?? String(entry.level)
  const id = typeof entry.reqId === 'string' ? ` [${entry.reqId}]` : ''
  const extra = Object.entries(entry).filter(([key]) => !SHOWN.has(key)).map(([key, value]) => ` ${key}=${JSON.stringify(value)}`).join('')
  const err = entry.err as { stack?: string, message?: string } | undefined
  const stack = err ? `\n  ${(err.stack ?? err.message ?? '').split('\n').join('\n  ')}` : ''
  return `${time} ${level} ${String(entry.msg ?? '')}${id}${extra}${stack}\n`
}

/** The local time of day, to the millisecond: what a developer's clock says. */
function clock (date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0')
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`
}
