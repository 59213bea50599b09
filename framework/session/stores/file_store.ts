/**
 * Sessions as files under storage/<file.directory>, one per session, named only from an id
 * that passed isSessionId(). A write goes to a temp file that is renamed over the old one, so
 * a reader (or a crash) never sees half a session. The file's mtime is its last use: expired
 * files are ignored on read and swept in the background.
 *
 * Commits of one session never overlap in this process, and none is lost: those that arrive
 * while the session's file is being written wait together, and are then applied together, as
 * databases group their commits: one read, each commit in the order it came, one temp file
 * written and renamed. A hot session then costs one read and one write per group, not per
 * request (docs/benchmarks.md, the sessions rows of the scaling table).
 */
import { constants as fsConstants, promises as fs } from 'node:fs'
import path from 'node:path'
import { describe, E_MALFORMED_SESSION_ID, E_SESSION_DIRECTORY, E_SESSION_STORE_UNAVAILABLE } from '../../errors'
import { BoundedCache } from '../../support/bounded_cache'
import { isPlainObject } from '../../support/object_path'
import { isSessionId } from '../session_id'
import type { DriverContext, SessionCommit, SessionConfig, SessionData, SessionStore } from '../types'
import { applyCommit } from './apply_commit'
import { CommitGroups } from './commit_groups'

const TEMP_MAX_AGE_MS = 10 * 60_000
/** Sessions whose file this process remembers (see #known), and the largest file it remembers. */
const KNOWN_FILES = 2_000
const KNOWN_MAX_BYTES = 16 * 1024

/** A file as this process last read or wrote it: its content, and its version then (inode, mtime, size). */
interface KnownFile {
  version: string
  json: string
}

export class FileStore implements SessionStore {
  readonly #dir: string
  readonly #ageMs: number
  readonly #app: DriverContext
  /** Commits (null: destroy) waiting per session while the one before them is written. */
  readonly #groups = new CommitGroups<SessionCommit | null>((id, commits) => this.#applyGroup(id, commits))
  /**
   * What this process last read or wrote of each session's file. A read, and the read a commit
   * makes to merge its changes, find the file unchanged with one stat and skip reading it: a
   * read through fs.promises is four trips to the thread pool (bench/HISTORY.md). Another
   * process's write changes the version (a rename gives a new inode), so it is never missed.
   */
  readonly #known = new BoundedCache<string, KnownFile>(KNOWN_FILES)
  #ready: Promise<void> | null = null
  #tempCounter = 0
  readonly #sweeper: NodeJS.Timeout

  constructor (config: SessionConfig, app: DriverContext) {
    this.#dir = path.resolve(app.root, 'storage', config.file.directory)
    this.#ageMs = config.age * 60_000
    this.#app = app
    const every = Math.min(Math.max(this.#ageMs / 2, 1000), 10 * 60_000)
    this.#sweeper = setInterval(() => { this.sweep() }, every).unref()
  }

  /** The folder sessions are kept in. */
  get directory (): string {
    return this.#dir
  }

  async read (id: string): Promise<SessionData | null> {
    const file = this.#file(id)
    try {
      const stat = await fs.stat(file, { bigint: true })
      if (Number(stat.mtimeMs) + this.#ageMs <= Date.now()) return null
      const version = versionOf(stat)
      const known = this.#known.get(id)
      const json = known !== undefined && known.version === version ? known.json : await fs.readFile(file, 'utf8')
      const values: unknown = JSON.parse(json)
      // A file of valid JSON that is not an object of values was not written by this store.
      if (!isPlainObject(values)) throw new SyntaxError('it holds JSON that is not an object of session values')
      this.#remember(id, version, json)
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
    return this.#groups.add(id, commit)
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
    return this.#groups.add(id, null)
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

  /**
   * Applies a group of commits in order to what the file holds, then writes the outcome once.
   * A commit of some keys to a session that is gone (expired, flushed or regenerated since the
   * request read it) applies nothing: it must stay gone.
   */
  async #applyGroup (id: string, commits: Array<SessionCommit | null>): Promise<void> {
    const file = this.#file(id)
    const first = commits[0]
    let values = first !== null && first !== undefined && first.changes !== null ? await this.read(id) : null
    // The values of a commit that replaces the session belong to its request: copied before a later commit changes them.
    let shared = false
    let destroyed = false
    for (const commit of commits) {
      if (commit === null) {
        values = null
        destroyed = true
        continue
      }
      if (shared && commit.changes !== null && values !== null) values = { ...values }
      values = applyCommit(values, commit)
      shared = commit.changes === null
    }
    if (values !== null) {
      const json = JSON.stringify(values)
      this.#remember(id, await this.#writeAtomically(file, json), json)
    } else if (destroyed) {
      this.#known.delete(id)
      await removeFile(file)
    }
  }

  #remember (id: string, version: string, json: string): void {
    if (json.length <= KNOWN_MAX_BYTES) this.#known.set(id, { version, json })
    else this.#known.delete(id)
  }

  #file (id: string): string {
    if (!isSessionId(id)) throw E_MALFORMED_SESSION_ID()
    return path.join(this.#dir, `${id}.json`)
  }

  /** Writes a temp file and renames it over the session's: resolves with the version the file now has. */
  async #writeAtomically (file: string, content: string): Promise<string> {
    await this.#ensureDirectory()
    const temp = `${file}.${process.pid}-${++this.#tempCounter}.tmp`
    try {
      return await writeThenRename(temp, file, content)
    } catch (error) {
      await removeFile(temp)
      if (!isMissing(error)) throw error
      this.#ready = null // the folder was removed while we ran: create it again, once
      await this.#ensureDirectory()
      return await writeThenRename(temp, file, content)
    }
  }

  #ensureDirectory (): Promise<void> {
    this.#ready ??= fs.mkdir(this.#dir, { recursive: true }).then(() => {
      // On first use, so that what a killed process left behind goes now, not at the first timed sweep.
      this.sweep()
    }, (error: NodeJS.ErrnoException) => {
      this.#ready = null
      throw E_SESSION_DIRECTORY(this.#dir, error.code ?? error.message)
    })
    return this.#ready
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

/** Writes content to temp and renames it to file; the version comes from the temp file, which rename keeps. */
async function writeThenRename (temp: string, file: string, content: string): Promise<string> {
  const handle = await fs.open(temp, 'w')
  let version: string
  try {
    await handle.writeFile(content)
    version = versionOf(await handle.stat({ bigint: true }))
  } finally {
    await handle.close()
  }
  await fs.rename(temp, file)
  return version
}

/** A file's version: a rename gives a new inode, a write a new mtime and usually a new size. */
function versionOf (stat: { ino: bigint, mtimeNs: bigint, size: bigint }): string {
  return `${stat.ino}:${stat.mtimeNs}:${stat.size}`
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
