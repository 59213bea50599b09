/**
 * Sessions in Redis, so several app processes share them. Each session is one HASH at
 * `<redis.prefix><id>`, one field per top-level session key holding that key's JSON, with a
 * TTL of `age` that every use restarts:
 *
 * - read: HGETALL + PEXPIRE, pipelined (one round trip); an empty hash is an unknown id.
 * - write, changed keys: MULTI, HSET of the changed fields, HDEL of the removed ones, PEXPIRE,
 *   EXEC (one round trip). Only this request's keys are written, so concurrent requests that
 *   change different keys keep both changes. Two requests that change the same top-level key:
 *   the last commit wins for that key. Forgetting the last key leaves no hash, hence no session.
 * - write, whole session (new, flushed or regenerated): MULTI, DEL, HSET, PEXPIRE, EXEC.
 * - touch: nothing when a read of this process slid the TTL a moment ago (the usual case: the
 *   same request read the session), PEXPIRE otherwise. destroy: DEL.
 *
 * So a request that reads the session costs one round trip, one that changes it two.
 *
 * Redis being down must cost requests that use the session a quick 503, never a hang, and
 * nothing at all to the others: commands are not queued while disconnected (they could run
 * much later, over newer writes), every command has a timeout, and the client keeps
 * reconnecting in the background, so the store recovers by itself when Redis is back.
 */
import { Redis, type ChainableCommander, type RedisOptions } from 'ioredis'
import { describe, E_INVALID_REDIS_URL, E_SESSION_STORE_UNAVAILABLE } from '../../errors'
import type { DriverContext, SessionCommit, SessionConfig, SessionData, SessionStore } from '../types'

/** How long a request waits for a connection that is being made (at boot, or on reconnect). */
const READY_WAIT_MS = 500
/** A reply slower than this means Redis is in trouble: answer 503 rather than hold the request. */
const COMMAND_TIMEOUT_MS = 1000
/** Reconnect attempts back off up to this, which bounds how long recovery takes once Redis is back. */
const MAX_RECONNECT_DELAY_MS = 1000
const DISCONNECT_TIMEOUT_MS = 100

const CLIENT_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  autoResendUnfulfilledCommands: false,
  maxRetriesPerRequest: 0,
  commandTimeout: COMMAND_TIMEOUT_MS,
  connectTimeout: 3000,
  // disconnect() arms a timer of this length even for a socket that is already closed (as it is
  // between reconnect attempts), which would keep a stopping process alive that long.
  disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
}

type Replies = Array<[error: Error | null, result: unknown]> | null

/** The redis session driver: `driver: 'redis'` with `redis.url` and `redis.prefix` in config/session.js. */
export class RedisStore implements SessionStore {
  readonly #client: Redis
  readonly #prefix: string
  readonly #ageMs: number
  /** The URL without credentials, the only form that reaches logs and errors. */
  readonly #safeUrl: string
  readonly #log: DriverContext['log']
  /** When this process last slid each session's TTL, oldest first (see touch()). */
  readonly #slidAt = new Map<string, number>()
  readonly #slideGraceMs: number
  #readyWait: Promise<boolean> | null = null
  #lastError: string | null = null
  #outage = false
  #closing = false

  constructor (config: SessionConfig, app: DriverContext) {
    this.#safeUrl = safeRedisUrl(config.redis.url)
    this.#prefix = config.redis.prefix
    this.#ageMs = Math.max(1, Math.round(config.age * 60_000))
    this.#slideGraceMs = Math.min(1000, this.#ageMs / 10)
    this.#log = app.log
    // Connects in the background: an unreachable Redis is logged, never a boot failure.
    this.#client = new Redis(config.redis.url, CLIENT_OPTIONS)
    this.#client.on('error', (error: Error) => this.#connectionLost(describe(error)))
    this.#client.on('close', () => this.#connectionLost(this.#lastError ?? 'the connection was closed'))
    this.#client.on('ready', () => this.#connectionBack())
  }

  /** The Redis URL without its credentials, as logs and errors show it. */
  get url (): string {
    return this.#safeUrl
  }

  async read (id: string): Promise<SessionData | null> {
    const key = this.#key(id)
    const [hash] = await this.#send(this.#client.pipeline().hgetall(key).pexpire(key, this.#ageMs))
    this.#slid(id)
    const entries = Object.entries(hash as Record<string, string>)
    if (entries.length === 0) return null
    return Object.fromEntries(entries.flatMap(([field, json]) => this.#decode(field, json)))
  }

  async write (id: string, commit: SessionCommit): Promise<void> {
    this.#slidAt.delete(id)
    const key = this.#key(id)
    const transaction = this.#client.multi()
    if (commit.changes === null) {
      transaction.del(key)
      setFields(transaction, key, Object.entries(commit.values))
    } else {
      const changes = [...commit.changes]
      setFields(transaction, key, changes.filter(([, value]) => value !== undefined))
      const removed = changes.filter(([, value]) => value === undefined).map(([field]) => field)
      if (removed.length > 0) transaction.hdel(key, ...removed)
    }
    await this.#send(transaction.pexpire(key, this.#ageMs))
  }

  async touch (id: string): Promise<void> {
    const slidAt = this.#slidAt.get(id)
    this.#slidAt.delete(id)
    if (slidAt !== undefined && Date.now() - slidAt < this.#slideGraceMs) return
    await this.#send(this.#client.pipeline().pexpire(this.#key(id), this.#ageMs))
  }

  async destroy (id: string): Promise<void> {
    this.#slidAt.delete(id)
    await this.#send(this.#client.pipeline().del(this.#key(id)))
  }

  /** Quits the connection; with Redis down it drops it at once rather than wait for a reply. */
  async close (): Promise<void> {
    this.#closing = true
    if (this.#client.status === 'ready') {
      try {
        await this.#client.quit()
      } catch {
        // the timeout or the lost connection ended it: disconnect below is all that is left
      }
    }
    if (this.#client.status === 'end') return
    this.#client.disconnect()
    // Resolve once ioredis's disconnect timer has run, so nothing of this store outlives close().
    await new Promise((resolve) => setTimeout(resolve, DISCONNECT_TIMEOUT_MS))
  }

  #key (id: string): string {
    return this.#prefix + id
  }

  /** Sends a pipeline or transaction in one round trip; any failure becomes the 503 of the session store. */
  async #send (commands: ChainableCommander): Promise<unknown[]> {
    try {
      await this.#connected()
      return unwrap(await commands.exec())
    } catch (error) {
      throw E_SESSION_STORE_UNAVAILABLE('redis', `${this.#safeUrl}: ${reasonOf(error)}`)
    }
  }

  /** Resolves once commands can be sent; fails at once when Redis is known to be unreachable. */
  async #connected (): Promise<void> {
    const { status } = this.#client
    if (status === 'ready') return
    if (status === 'connecting' || status === 'connect') {
      this.#readyWait ??= waitForReady(this.#client, READY_WAIT_MS).finally(() => { this.#readyWait = null })
      if (await this.#readyWait) return
    }
    if (this.#closing || status === 'end') throw new Error('the session store is closed')
    throw new Error(`cannot reach Redis (${this.#lastError ?? `connection ${this.#client.status}`})`)
  }

  #decode (field: string, json: string): Array<[string, unknown]> {
    try {
      return [[field, JSON.parse(json)]]
    } catch {
      this.#log.warn(`redis session store: ignored the session key '${field}', whose stored value is not JSON ` +
        '(does another program write under the same redis.prefix?)')
      return []
    }
  }

  /** Remembers that the TTL of id was just restarted, and forgets entries too old to matter. */
  #slid (id: string): void {
    const now = Date.now()
    this.#slidAt.delete(id)
    this.#slidAt.set(id, now)
    for (const [oldId, at] of this.#slidAt) {
      if (now - at < this.#slideGraceMs) break
      this.#slidAt.delete(oldId)
    }
  }

  /** Logs once per outage: the client retries every second, and each retry fails the same way. */
  #connectionLost (reason: string): void {
    this.#lastError = reason
    if (this.#outage || this.#closing) return
    this.#outage = true
    this.#log.error(`redis session store: cannot reach Redis at ${this.#safeUrl} (${this.#lastError}); ` +
      'requests that use the session get a 503 until it is back')
  }

  #connectionBack (): void {
    this.#lastError = null
    if (!this.#outage) return
    this.#outage = false
    this.#log.warn(`redis session store: Redis at ${this.#safeUrl} is reachable again`)
  }
}

/** Checks redis.url at boot and returns it without credentials; a malformed one is a BootError. */
export function safeRedisUrl (url: unknown): string {
  if (typeof url !== 'string') throw E_INVALID_REDIS_URL("must be a string such as 'redis://127.0.0.1:6379'")
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw E_INVALID_REDIS_URL('is not a URL (a missing scheme, a port that is not a number from 1 to 65535, or no host?)')
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw E_INVALID_REDIS_URL(`must start with redis:// or rediss:// (it starts with ${JSON.stringify(parsed.protocol)})`)
  }
  if (parsed.hostname === '') throw E_INVALID_REDIS_URL('has no host')
  if (parsed.port === '0') throw E_INVALID_REDIS_URL('has port 0: give a port from 1 to 65535')
  if (!/^(\/\d*)?$/.test(parsed.pathname)) throw E_INVALID_REDIS_URL('has a path that is not a database number such as /0')
  parsed.username = ''
  parsed.password = ''
  return parsed.toString()
}

function setFields (commands: ChainableCommander, key: string, entries: Array<[string, unknown]>): void {
  if (entries.length === 0) return
  commands.hset(key, Object.fromEntries(entries.map(([field, value]) => [field, JSON.stringify(value)])))
}

/** ioredis's words for a connection that dropped or was not there, in the words of this store. */
function reasonOf (error: unknown): string {
  if ((error as Error)?.name === 'MaxRetriesPerRequestError') return 'lost the connection to Redis during the command'
  if (/enableOfflineQueue/.test(describe(error))) return 'not connected to Redis'
  return describe(error)
}

/** The results of a pipeline or transaction, or the first error in it. */
function unwrap (replies: Replies): unknown[] {
  if (replies === null) throw new Error('the transaction was aborted')
  const failed = replies.find(([error]) => error !== null)
  if (failed) throw failed[0]
  return replies.map(([, result]) => result)
}

/** Whether the connection being made becomes ready within ms (false as soon as it closes). */
function waitForReady (client: Redis, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ready: boolean): void => {
      clearTimeout(timer)
      client.off('ready', onReady)
      client.off('close', onClose)
      resolve(ready)
    }
    const onReady = (): void => done(true)
    const onClose = (): void => done(false)
    const timer = setTimeout(onClose, ms)
    client.once('ready', onReady)
    client.once('close', onClose)
  })
}
