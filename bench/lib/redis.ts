/**
 * The benchmark's Redis: reached once at the start (the redis stacks are skipped when it is
 * not), its process id for the CPU figures, and a sweep of every key the stacks wrote.
 */
import Redis from 'ioredis'

/**
 * Every Redis key of this run starts with this, swept at the end. The process id keeps two
 * runs at the same time (which disturb each other's figures anyway) from deleting each other's
 * sessions; keys left by a run that was killed expire with their sessions.
 */
export const REDIS_PREFIX = `adonis-lite-bench:${process.pid}:`

/** A connection, or null when Redis does not answer. */
export async function connectRedis (url: string): Promise<Redis | null> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null })
  redis.on('error', () => {})
  try {
    await redis.connect()
    await redis.ping()
    return redis
  } catch {
    redis.disconnect()
    return null
  }
}

/** The process id of Redis when it runs on this machine, so that its CPU is not counted as another process's. */
export async function localRedisPid (redis: Redis | null): Promise<number | null> {
  if (!redis || !['127.0.0.1', 'localhost', '::1'].includes(redis.options.host ?? '')) return null
  const pid = /process_id:(\d+)/.exec(await redis.info('server'))?.[1]
  return pid ? Number(pid) : null
}

/** Deletes every key the benchmark's stacks wrote. */
export async function sweepRedis (redis: Redis | null): Promise<void> {
  if (!redis) return
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000)
    if (keys.length > 0) await redis.unlink(...keys)
    cursor = next
  } while (cursor !== '0')
}
