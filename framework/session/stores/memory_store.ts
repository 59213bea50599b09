/**
 * Sessions in this process's memory, for tests and single-process development. Values are
 * kept as JSON text, so nothing is shared by reference between requests. At most
 * `memory.maxSessions` are kept: past that, the least recently used one goes, so no stream of
 * visitors can grow the process without bound.
 */
import { OldestKeys } from '../../support/bounded_cache'
import type { SessionCommit, SessionConfig, SessionData, SessionStore } from '../types'
import { applyCommit } from './apply_commit'

interface Entry {
  json: string
  expiresAt: number
}

export class MemoryStore implements SessionStore {
  readonly #sessions = new Map<string, Entry>()
  /** A Map keeps insertion order, and a session used is set again: the oldest key is the least recently used. */
  readonly #leastRecent = new OldestKeys(this.#sessions)
  readonly #ageMs: number
  readonly #max: number
  readonly #sweeper: NodeJS.Timeout

  constructor (config: SessionConfig) {
    this.#ageMs = config.age * 60_000
    this.#max = config.memory.maxSessions
    this.#sweeper = setInterval(() => this.#sweep(), Math.min(this.#ageMs, 60_000)).unref()
  }

  /** How many sessions are kept now. */
  get size (): number {
    return this.#sessions.size
  }

  read (id: string): SessionData | null {
    const entry = this.#sessions.get(id)
    if (!entry) return null
    this.#sessions.delete(id)
    if (entry.expiresAt <= Date.now()) return null
    this.#sessions.set(id, entry) // now the most recently used
    return JSON.parse(entry.json)
  }

  write (id: string, commit: SessionCommit): void {
    const values = applyCommit(commit.changes ? this.read(id) : null, commit)
    if (values === null) return
    this.#sessions.delete(id)
    this.#sessions.set(id, { json: JSON.stringify(values), expiresAt: Date.now() + this.#ageMs })
    if (this.#sessions.size > this.#max) this.#leastRecent.evict()
  }

  touch (id: string): void {
    const entry = this.#sessions.get(id)
    if (!entry) return
    entry.expiresAt = Date.now() + this.#ageMs
    this.#sessions.delete(id)
    this.#sessions.set(id, entry)
  }

  destroy (id: string): void {
    this.#sessions.delete(id)
  }

  close (): void {
    clearInterval(this.#sweeper)
  }

  #sweep (): void {
    const now = Date.now()
    for (const [id, entry] of this.#sessions) if (entry.expiresAt <= now) this.#sessions.delete(id)
  }
}
