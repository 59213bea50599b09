/**
 * Sessions as files under storage/<file.directory>, one per session, named only from an id
 * that passed isSessionId(). A write goes to a temp file that is renamed over the old one, so
 * a reader (or a crash) never sees half a session. The file's mtime is its last use: expired
 * files are ignored on read and swept in the background.
 */
import { constants as fsConstants, promises as fs } from 'node:fs'
import path from 'node:path'
import { AdonisLiteError, describe, E_SESSION_STORE_UNAVAILABLE } from '../../errors'
import { isPlainObject } from '../../support/object_path'
import { isSessionId } from '../session_id'
import type { DriverContext, SessionCommit, SessionConfig, SessionData, SessionStore } from '../types'
import { applyCommit } from './apply_commit'

const TEMP_MAX_AGE_MS = 10 * 60_000

export class FileStore implements SessionStore {
  readonly #dir: string
  readonly #ageMs: number
  readonly #app: DriverContext
  /** Per-id queues: commits of one session in this process apply one after another. */
  readonly #queues = new Map<string, Promise<unknown>>()
  #ready: Promise<void> | null = null
  #tempCounter = 0
  readonly #sweeper: NodeJS.Timeout

  constructor (config: SessionConfig, app: DriverContext) {
    this.#dir = path.resolve(app.root, 'storage', config.file.directory)
    this.#ageMs = config.age * 60_000
    this.#app = app
    const every = Math.min(Math.max(this.#ageMs / 2, 1000), 10 * 60_000)
    this.#sweeper = setInterval(() => { void this.sweep() }, every).unref()
  }

  /** The folder sessions are kept in. */
  get directory (): string {
    return this.#dir
  }

  async read (id: string): Promise<SessionData | null> {
    const file = this.#file(id)
    try {
      const stat = await fs.stat(file)
      if (stat.mtimeMs + this.#ageMs <= Date.now()) return null
      const values: unknown = JSON.parse(await fs.readFile(file, 'utf8'))
      // A file of valid JSON that is not an object of values was not written by this store.
      if (!isPlainObject(values)) throw new SyntaxError('it holds JSON that is not an object of session values')
      return values
    } catch (error) {
      if (isMissing(error)) return null
      if (error instanceof SyntaxError) {
        this.#app.log.warn(`ignored the unreadable session file ${file}: ${error.message}`)
        return null
      }
      throw error
    }
  }

  write (id: string, commit: SessionCommit): Promise<void> {
    return this.#exclusive(id, async () => {
      const values = applyCommit(commit.changes ? await this.read(id) : null, commit)
      if (values === null) return
      await this.#writeAtomically(this.#file(id), JSON.stringify(values))
    })
  }

  async touch (id: string): Promise<void> {
    const now = new Date()
    try {
      await fs.utimes(this.#file(id), now, now)
    } catch (error) {
      if (!isMissing(error)) throw error
    }
  }

  /** The folder exists (it is made if need be) and this process may write in it. */
  async ping (): Promise<void> {
    try {
      await this.#ensureDirectory()
      await fs.access(this.#dir, fsConstants.W_OK)
    } catch (error) {
      throw E_SESSION_STORE_UNAVAILABLE('file', `${this.#dir}: ${describe(error)}`)
    }
  }

  destroy (id: string): Promise<void> {
    return this.#exclusive(id, () => removeFile(this.#file(id)))
  }

  close (): void {
    clearInterval(this.#sweeper)
  }

  /** Deletes expired sessions and temp files left by a crash. Runs in the background. */
  async sweep (): Promise<void> {
    let names: string[]
    try {
      names = await fs.readdir(this.#dir)
    } catch {
      return
    }
    const now = Date.now()
    for (const name of names) {
      const maxAge = name.endsWith('.json') ? this.#ageMs : name.endsWith('.tmp') ? (writerIsGone(name) ? 0 : TEMP_MAX_AGE_MS) : null
      if (maxAge === null) continue
      const file = path.join(this.#dir, name)
      try {
        const stat = await fs.stat(file)
        if (stat.mtimeMs + maxAge <= now) await removeFile(file)
      } catch {
        // gone already
      }
    }
  }

  #file (id: string): string {
    if (!isSessionId(id)) throw new TypeError('A session id that is not well-formed never reaches the file system')
    return path.join(this.#dir, `${id}.json`)
  }

  async #writeAtomically (file: string, content: string): Promise<void> {
    await this.#ensureDirectory()
    const temp = `${file}.${process.pid}-${++this.#tempCounter}.tmp`
    try {
      await fs.writeFile(temp, content)
      await fs.rename(temp, file)
    } catch (error) {
      await removeFile(temp)
      if (!isMissing(error)) throw error
      this.#ready = null // the folder was removed while we ran: create it again, once
      await this.#ensureDirectory()
      await fs.writeFile(temp, content)
      await fs.rename(temp, file)
    }
  }

  #ensureDirectory (): Promise<void> {
    this.#ready ??= fs.mkdir(this.#dir, { recursive: true }).then(() => {
      // On first use, so that what a killed process left behind goes now, not at the first timed sweep.
      void this.sweep()
    }, (error: NodeJS.ErrnoException) => {
      this.#ready = null
      throw new AdonisLiteError(
        `Cannot create the session folder ${this.#dir} (${error.code ?? error.message}): create it with write access for this process, ` +
        'or set file.directory in config/session.js', { code: 'E_SESSION_DIRECTORY' })
    })
    return this.#ready
  }

  #exclusive<T> (id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(id) ?? Promise.resolve()
    const run = previous.then(task, task)
    const settled = run.then(() => undefined, () => undefined)
    this.#queues.set(id, settled)
    void settled.then(() => {
      if (this.#queues.get(id) === settled) this.#queues.delete(id)
    })
    return run
  }
}

/**
 * Whether the process that was writing a temp file (its pid is in the name) has ended: then
 * the file can only be what a crash left. A process of another host sharing the folder looks
 * ended too; deleting its temp file makes its rename fail once, and it writes again.
 */
function writerIsGone (name: string): boolean {
  const pid = Number(/\.(\d+)-\d+\.tmp$/.exec(name)?.[1])
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

function isMissing (error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT'
}

async function removeFile (file: string): Promise<void> {
  try {
    await fs.unlink(file)
  } catch (error) {
    if (!isMissing(error)) throw error
  }
}
