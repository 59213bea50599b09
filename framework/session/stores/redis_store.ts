/**
 * Sessions in Redis, so several app processes (and hosts) share them: one server, a Redis
 * Cluster, or a master that Sentinel watches (see redis_config.ts). Each session is one HASH
 * at `<redis.prefix><id>`, one field per top-level session key holding that key's JSON, with a
 * TTL of `age`. One key per session means one hash slot on a cluster, so every command below
 * is atomic there too:
 *
 * - read: HGETALL; an empty hash is an unknown id. Reads leave the TTL alone: the session
 *   slides it through touch(), at most every so often (see SessionManager.touchInterval).
 * - write: one Lua script, atomic: HSET of the changed fields, HDEL of the removed ones (or DEL
 *   and HSET of every field for a whole new session), PEXPIRE. A commit of some keys to a hash
 *   that no longer exists writes nothing: a session destroyed by a concurrent logout, in any
 *   process, is never brought back by a request that read it before. Only this request's keys are
 *   written, so concurrent requests that change different keys keep both changes. Two requests
 *   that change the same top-level key: the last commit wins for that key. Forgetting the last
 *   key leaves no hash, hence no session. A commit of changes to a session whose hash is gone
 *   (flushed, regenerated or expired since this request read it) writes nothing: a destroyed
 *   session stays destroyed.
 * - touch: PEXPIRE. destroy: DEL.
 *
 * Commands of concurrent requests go out together (ioredis's auto-pipelining), so under load a
 * socket write carries many requests' commands.
 *
 * Redis being down must cost requests that use the session a quick 503, never a hang, and
 * nothing at all to the others (see redis_client.ts); the store recovers by itself when Redis,
 * or a new master, is back. A command that timed out may still run on Redis later: a 503 of a
 * commit does not say whether it was written (docs/deployment.md).
 */
import { Cluster } from 'ioredis'
import { describe, E_SESSION_STORE_UNAVAILABLE } from '../../errors'
import type { DriverContext, SessionCommit, SessionConfig, SessionData, SessionStore } from '../types'
import { COMMAND_TIMEOUT_MS, createClient, DISCONNECT_TIMEOUT_MS, reconnectAfterEnd, type SessionClient } from './redis_client'
import { describeTarget, redisTarget } from './redis_config'

/** How long a request waits for a connection that is being made (at boot, or on reconnect). */
const READY_WAIT_MS = 500

/**
 * A commit in one atomic command. KEYS[1]: the session. ARGV: the TTL in ms, '1' to replace the
 * whole session, the number n of fields to set, n field/value pairs, then the fields to remove.
 * Returns 0, having written nothing, for changes to a session that no longer exists.
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

/** The redis session driver: `driver: 'redis'` with `redis.url` and `redis.prefix` in config/session.js. */
export class RedisStore implements SessionStore {
  readonly #client: SessionClient
  readonly #prefix: string
  readonly #ageMs: number
  /** Where Redis is, without credentials: the only form that reaches logs and errors. */
  readonly #where: string
  /** A cluster client retries on its own while a master fails over: bound the whole wait. */
  readonly #deadline: boolean
  /** A Sentinel client keeps connections to the sentinels, which quitting the master's leaves open. */
  readonly #sentinel: boolean
  /** When the loss of each cluster node was last logged: once a minute is enough (ioredis retries it on every command that lands there). */
  readonly #lostNodes = new Map<string, number>()
  readonly #log: DriverContext['log']
  #readyWait: Promise<boolean> | null = null
  #lastError: string | null = null
  #outage = false
  #closing = false

  constructor (config: SessionConfig, app: DriverContext) {
    const target = redisTarget(config.redis)
    this.#where = describeTarget(target)
    this.#deadline = target.kind === 'cluster'
    this.#sentinel = target.kind === 'sentinel'
    this.#prefix = config.redis.prefix
    this.#ageMs = Math.max(1, Math.round(config.age * 60_000))
    this.#log = app.log
    // Connects in the background: an unreachable Redis is logged, never a boot failure.
    this.#client = createClient(target, COMMIT_SCRIPT)
    this.#client.on('error', (error: Error) => this.#connectionLost(describe(error)))
    this.#client.on('close', () => this.#connectionLost(this.#lastError ?? 'the connection was closed'))
    this.#client.on('ready', () => this.#connectionBack())
    this.#client.on('node error', (error: Error, node: string) => this.#nodeLost(node, describe(error)))
    reconnectAfterEnd(this.#client, () => this.#closing)
  }

  /** Where Redis is (a URL, the cluster's seeds, the Sentinel master), without credentials, as logs and errors show it. */
  get location (): string {
    return this.#where
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

  async ping (): Promise<void> {
    await this.#send(() => this.#client.ping())
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
    if (this.#client.status === 'end' && !this.#sentinel) return
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
      return await (this.#deadline ? withDeadline(command(), COMMAND_TIMEOUT_MS) : command())
    } catch (error) {
      // A node that failed may have been replaced: look for the current masters now, not in 5 s.
      if (this.#client instanceof Cluster) this.#client.refreshSlotsCache()
      throw E_SESSION_STORE_UNAVAILABLE('redis', `${this.#where}: ${reasonOf(error)}`)
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
    if (this.#closing) throw new Error('the session store is closed')
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
    this.#log.error(`redis session store: cannot reach Redis at ${this.#where} (${this.#lastError}); ` +
      'requests that use the session get a 503 until it is back')
  }

  #connectionBack (): void {
    this.#lastError = null
    if (!this.#outage) return
    this.#outage = false
    this.#log.warn(`redis session store: Redis at ${this.#where} is reachable again`)
  }

  /** A cluster node that went away: sessions in its slots get a 503 until a replica takes over. */
  #nodeLost (node: string, reason: string): void {
    const now = Date.now()
    if (this.#closing || now - (this.#lostNodes.get(node) ?? -Infinity) < 60_000) return
    this.#lostNodes.set(node, now)
    this.#log.error(`redis session store: lost Redis Cluster node ${node} (${reason}); ` +
      'sessions in its hash slots get a 503 until it is back or a replica takes its place')
  }
}

/** ioredis's words for a connection that dropped or was not there, in the words of this store. */
function reasonOf (error: unknown): string {
  if ((error as Error)?.name === 'MaxRetriesPerRequestError') return 'lost the connection to Redis during the command'
  if (/enableOfflineQueue/.test(describe(error))) return 'not connected to Redis'
  return describe(error)
}

/** Whether the connection being made becomes ready within ms (false as soon as it closes). */
function waitForReady (client: SessionClient, ms: number): Promise<boolean> {
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

/** The command's result, or an error once ms have passed. */
function withDeadline<T> (command: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  const late = new Promise<never>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([command, late]).finally(() => clearTimeout(timer))
}
