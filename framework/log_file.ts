/**
 * A log file written in batches: lines are gathered in memory and written together, once 16 kB
 * have come or a quarter second has passed, and whatever is left when the process exits. One
 * write for a hundred request lines: bench:logs measured a write path per line (sonic-boom's, in
 * batches of 4 kB) at four times the cost of building the line.
 */
import fs from 'node:fs'
import path from 'node:path'

const BATCH_CHARS = 16 * 1024
const FLUSH_MS = 250

interface Flushable { flush (): void }

/** Every batching log stream of the process, written out by one timer and once more at exit. */
const streams = new Set<Flushable>()

function writeOutAll (): void {
  for (const stream of streams) {
    try {
      stream.flush()
    } catch {
      // A closed stdout: nothing can be written anywhere, and a timer must not crash the app.
    }
  }
}

/** Has the stream written out every 250 ms and when the process exits (process.exit() too). */
export function flushPeriodically (stream: Flushable): void {
  if (streams.size === 0) {
    setInterval(writeOutAll, FLUSH_MS).unref()
    process.once('exit', writeOutAll)
  }
  streams.add(stream)
}

export class LogFile {
  readonly #fd: number
  #pending = ''
  #failed = false

  constructor (file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    this.#fd = fs.openSync(file, 'a')
    flushPeriodically(this)
  }

  write (line: string): void {
    this.#pending += line
    if (this.#pending.length >= BATCH_CHARS) this.#writeOut()
  }

  /** Writes what is pending now; pino's logger.flush() calls it. */
  flush (callback?: (error?: Error) => void): void {
    this.#writeOut()
    callback?.()
  }

  #writeOut (): void {
    if (this.#pending === '') return
    const chunk = Buffer.from(this.#pending)
    this.#pending = ''
    try {
      // A regular file takes the whole chunk (short writes happen to pipes and full disks).
      for (let done = 0; done < chunk.length;) done += fs.writeSync(this.#fd, chunk, done)
    } catch (error) {
      // A full disk must not fail the requests that log: say it once, on stderr.
      if (!this.#failed) process.stderr.write(`adonis-lite: cannot write to the log file: ${(error as Error).message}\n`)
      this.#failed = true
    }
  }
}
