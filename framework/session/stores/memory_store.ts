/**
 * Sessions in this process's memory, for tests and single-process development. Values are
 * kept as JSON text, so nothing is shared by reference between requests.
 */
import type { SessionCommit, SessionConfig, SessionData, SessionStore } from '../types'
import { applyCommit } from './apply_commit'

interface Entry {
  json: string
  expiresAt: number
}

export class MemoryStore implements SessionStore {
  readonly #sessions = new Map<string, Entry>()
  readonly #ageMs: number
  readonly #sweeper: NodeJS.Timeout

  constructor (config: SessionConfig) {
    this.#ageMs = config.age * 60_000
    this.#sweeper = setInterval(() => this.#sweep(), Math.min(this.#ageMs, 60_000)).unref()
  }

  read (id: string): SessionData | null {
    const entry = this.#sessions.get(id)
    if (!entry) return null
    if (entry.expiresAt <= Date.now()) {
      this.#sessions.delete(id)
      return null
    }
    return JSON.parse(entry.json)
  }

  write (id: string, commit: SessionCommit): void {
    const values = applyCommit(commit.changes ? this.read(id) : null, commit)
    if (values !== null) this.#sessions.set(id, { json: JSON.stringify(values), expiresAt: Date.now() + this.#ageMs })
  }

  touch (id: string): void {
    const entry = this.#sessions.get(id)
    if (entry) entry.expiresAt = Date.now() + this.#ageMs
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
