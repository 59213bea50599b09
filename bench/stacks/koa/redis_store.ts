/**
 * A koa-session external store over ioredis (koa-redis pins ioredis 4): one JSON value per
 * session id with a TTL of the session's maxAge.
 */
import type Redis from 'ioredis'

export function redisSessionStore (redis: Redis, prefix: string) {
  return {
    async get (key: string): Promise<unknown> {
      const json = await redis.get(prefix + key)
      return json === null ? undefined : JSON.parse(json)
    },
    async set (key: string, session: unknown, maxAge: number): Promise<void> {
      await redis.set(prefix + key, JSON.stringify(session), 'PX', typeof maxAge === 'number' ? maxAge : 86400000)
    },
    async destroy (key: string): Promise<void> {
      await redis.del(prefix + key)
    },
  }
}
