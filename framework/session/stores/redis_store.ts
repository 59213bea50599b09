/**
 * Sessions in Redis, so several app processes share them. Each session is one HASH at
 * `<redis.prefix><id>`, one field per top-level session key holding that key's JSON, with a
 * TTL of `age`:
 *
 * - read: HGETALL; an empty hash is an unknown id. Reads leave the TTL alone: the session
 *   slides it through touch(), at most every so often (see SessionManager.touchInterval).
 * - write: one Lua script, atomic: HSET of the changed fields, HDEL of the removed ones (or DEL
 *   and HSET of every field for a whole new session), PEXPIRE. A commit of some keys to a hash
 *   that no longer exists writes nothing: a session destroyed by a concurrent logout, in any
 *   process, is never brought back by a request that read it before. Only this request's keys are
 *   written, so concurrent requests that change different keys keep both changes. Two requests
 *   that change the same top-level key: the last commit wins for that key. Forgetting the last
 *   key leaves no hash, hence no session.
 * - touch: PEXPIRE. destroy: DEL.
 *
 * Commands of concurrent requests go out together (ioredis's auto-pipelining), so under load a
 * socket write carries many requests' commands.
 *
 * Redis being down must cost requests that use the session a quick 503, never a hang, and
 * nothing at all to the others: commands are not queued while disconnected (they could run
 * much later, over newer writes), every command has a timeout, and the client keeps
 * reconnecting in the background, so the store recovers by itself when Redis is back.
 */
import { Redis, type RedisOptions } from 'ioredis'
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
  enableAutoPipelining: true,
}

/**
 * A commit in one atomic command. KEYS[1]: the session. ARGV: the TTL in ms, '1' to replace the
 * whole session, the number n of fields to set, n field/value pairs, then the fields to remove.
 */
const COMMIT_SCRIPT = `
local key = KEYS[1]
if ARGV[2] == '1' then
  redis.call('DEL', key)
elseif redis.call('EXISTS', key) == 0 then
  -- Some keys of a session that is gone (flushed, regenerated, expired): it stays gone.
  return 0
end
local last = 3 + 2 * tonumber(ARGV[3])
-- A field at a time: unpack() of a whole list fails past a few thousand values.
for i = 4, last, 2 do redis.call('HSET', key, ARGV[i], ARGV[i + 1]) end
for i = last + 1, #ARGV do redis.call('HDEL', key, ARGV[i]) end
redis.call('PEXPIRE', key, ARGV[1])
return 1`

type SessionClient = Redis & { commitSession (key: string, ...args: Array<string | number>): Promise<unknown> }


/** The redis session driver: `driver: 'redis'` with `redis.url` and `redis.prefix` in config/session.js. */
export class RedisStore implements SessionStore {
  readonly #client: SessionClient
  readonly #prefix: string
  readonly #ageMs: number
  /** The URL without credentials, the only form that reaches logs and errors. */
  readonly #safeUrl: string
  readonly #log: DriverContext['log']
  #readyWait: Promise<boolean> | null = null
  #lastError: string | null = null
  #outage = false
  #closing = false

  constructor (config: SessionConfig, app: DriverContext) {
    this.#safeUrl = safeRedisUrl(config.redis.url)
    this.#prefix = config.redis.prefix
    this.#ageMs = Math.max(1, Math.round(config.age * 60_000))
    this.#log = app.log
    // Connects in the background: an unreachable Redis is logged, never a boot failure.
    this.#client = new Redis(config.redis.url, CLIENT_OPTIONS) as SessionClient
    this.#client.defineCommand('commitSession', { numberOfKeys: 1, lua: COMMIT_SCRIPT })
    this.#client.on('error', (error: Error) => this.#connectionLost(describe(error)))
    this.#client.on('close', () => this.#connectionLost(this.#lastError ?? 'the connection was closed'))
    this.#client.on('ready', () => this.#connectionBack())
  }

  /** The Redis URL without its credentials, as logs and errors show it. */
  get url (): string {
    return this.#safeUrl
  }

  async read (id: string): Promise<SessionData | null> {
    const hash = await this.#send(() => this.#client.hgetall(this.#key(id)))
    const values: SessionData = {}
    let empty = true
    for (const field in hash) {
      empty = false
      const value = this.#decode(field, hash[field]!)
      if (value !== undefined) values[field] = value
    }
    return empty ? null : values
  }

  async write (id: string, commit: SessionCommit): Promise<void> {
    const replace = commit.changes === null
    const set: string[] = []
    const removed: string[] = []
    for (const [field, value] of replace ? Object.entries(commit.values) : commit.changes!) {
      if (value === undefined) removed.push(field)
      else set.push(field, JSON.stringify(value))
    }
    await this.#send(() => this.#client.commitSession(this.#key(id), this.#ageMs, replace ? '1' : '0', set.length / 2, ...set, ...removed))
  }

  async touch (id: string): Promise<void> {
    await this.#send(() => this.#client.pexpire(this.#key(id), this.#ageMs))
  }

  async destroy (id: string): Promise<void> {
    await this.#send(() => this.#client.del(this.#key(id)))
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

  /** Sends a command; any failure becomes the 503 of the session store. */
  async #send<T> (command: () => Promise<T>): Promise<T> {
    try {
      await this.#connected()
      return await command()
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

  /** A stored field's value; undefined (and a warning) when it is not JSON. */
  #decode (field: string, json: string): unknown {
    try {
      return JSON.parse(json)
    } catch {
      this.#log.warn(`redis session store: ignored the session key '${field}', whose stored value is not JSON ` +
        '(does another program write under the same redis.prefix?)')
      return undefined
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

/** ioredis's words for a connection that dropped or was not there, in the words of this store. */
function reasonOf (error: unknown): string {
  if ((error as Error)?.name === 'MaxRetriesPerRequestError') return 'lost the connection to Redis during the command'
  if (/enableOfflineQueue/.test(describe(error))) return 'not connected to Redis'
  return describe(error)
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
