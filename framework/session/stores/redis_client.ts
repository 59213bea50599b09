/**
 * The ioredis client of a redis target: a plain client for one server or a Sentinel-managed
 * master, a Cluster client for Redis Cluster. All of them fail fast rather than queue: a
 * command that cannot be sent now is an error at once (it could otherwise run much later,
 * over newer writes), every command has a timeout, and the client keeps reconnecting in the
 * background, following a failover to the new master without a restart.
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis'
import type { RedisTarget } from './redis_config'

/** A reply slower than this means Redis is in trouble: answer 503 rather than hold the request. */
export const COMMAND_TIMEOUT_MS = 1000
/** Reconnect attempts back off up to this, which bounds how long recovery takes once Redis is back. */
const MAX_RECONNECT_DELAY_MS = 1000
export const DISCONNECT_TIMEOUT_MS = 100

const CONNECTION_OPTIONS: RedisOptions = {
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

const CLUSTER_OPTIONS: ClusterOptions = {
  enableOfflineQueue: false,
  enableAutoPipelining: true,
  clusterRetryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  // No command is sent again on a failover or CLUSTERDOWN: the request has answered 503 by
  // then, and a commit resent later would land over newer ones (a lost update; it happened in
  // test/session/redis_cluster.test.ts). The store asks for fresh slots instead, and the next
  // request goes to the new master.
  retryDelayOnFailover: 0,
  retryDelayOnClusterDown: 0,
  retryDelayOnTryAgain: 100,
  slotsRefreshTimeout: 1000,
  // Learns of a failover that no command has run into yet.
  slotsRefreshInterval: 5000,
}

export type SessionClient = (Redis | Cluster) & {
  commitSession (key: string, ...args: Array<string | number>): Promise<number>
}

/** Connects in the background: an unreachable Redis is an error of each command, never of the boot. */
export function createClient (target: RedisTarget, commitScript: string): SessionClient {
  const client = newClient(target) as SessionClient
  client.defineCommand('commitSession', { numberOfKeys: 1, lua: commitScript })
  return client
}

function newClient (target: RedisTarget): Redis | Cluster {
  if (target.kind === 'server') return new Redis(target.url, CONNECTION_OPTIONS)
  const { username, password, db, tls } = target.auth
  const secure = tls ? { tls: {} } : {}
  if (target.kind === 'cluster') {
    return new Cluster(target.nodes, {
      ...CLUSTER_OPTIONS,
      redisOptions: { ...CONNECTION_OPTIONS, username, password, ...secure },
    })
  }
  return new Redis({
    ...CONNECTION_OPTIONS,
    sentinels: target.sentinels,
    name: target.name,
    username,
    password,
    db,
    ...secure,
    // One set of credentials and one scheme for the sentinels and the master they name.
    sentinelUsername: username,
    sentinelPassword: password,
    ...(tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
    sentinelRetryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    sentinelCommandTimeout: COMMAND_TIMEOUT_MS,
    // Subscribes to the sentinels' +switch-master, to move to a new master as soon as it is chosen.
    failoverDetector: true,
  })
}

/** How long after an unexpected end the client connects again. */
export const RECONNECT_AFTER_END_MS = 200

/**
 * Connects again when the client ends without close() having asked for it. ioredis ends a
 * Sentinel client for good when a failover message from the sentinels (failoverDetector)
 * arrives while it is already reconnecting after the master died: the reconnect is cancelled and
 * nothing starts another, so every later request would get a 503 until a restart (seen under
 * load in test/session/redis_sentinel.test.ts).
 */
export function reconnectAfterEnd (client: Redis | Cluster, closing: () => boolean): void {
  client.on('end', () => {
    if (closing()) return
    setTimeout(() => {
      if (!closing() && client.status === 'end') client.connect().catch(() => {})
    }, RECONNECT_AFTER_END_MS).unref()
  })
}
