/**
 * The `redis` part of config/session.js, checked at boot: exactly one of `url` (one server),
 * `cluster` (Redis Cluster seed nodes) or `sentinels` with `name` (a Sentinel-managed master).
 * A key that is undefined, null or '' counts as not given, so a config can read each of them
 * from an environment variable that may be unset. Lists may be arrays or comma-separated
 * strings (what an environment variable holds).
 */
import { E_INVALID_CONFIG, E_INVALID_REDIS_URL } from '../../errors'
import type { RedisSessionConfig } from '../types'

/** Where the sessions live: a checked, normalized form of the config. */
export type RedisTarget =
  | { kind: 'server', url: string }
  | { kind: 'cluster', nodes: RedisAddress[], auth: RedisAuth }
  | { kind: 'sentinel', sentinels: RedisAddress[], name: string, auth: RedisAuth }

export interface RedisAddress { host: string, port: number }

/** What every URL of a list must agree on (one cluster, one Sentinel set). */
export interface RedisAuth {
  username?: string
  password?: string
  db: number
  tls: boolean
}

const FILE = 'config/session.js'
const ONE_OF = 'give exactly one of redis.url (one server), redis.cluster (Redis Cluster seed nodes) ' +
  'or redis.sentinels with redis.name (Sentinel)'
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

/** The target of a redis config; a wrong combination or a malformed URL is a BootError naming the key. */
export function redisTarget (redis: RedisSessionConfig): RedisTarget {
  const url = given(redis.url)
  const cluster = given(redis.cluster)
  const sentinels = given(redis.sentinels)
  const name = given(redis.name)
  if (url !== undefined && cluster !== undefined) fail('redis.cluster', `cannot be given with redis.url: ${ONE_OF}`)
  if (url !== undefined && sentinels !== undefined) fail('redis.sentinels', `cannot be given with redis.url: ${ONE_OF}`)
  if (cluster !== undefined && sentinels !== undefined) fail('redis.sentinels', `cannot be given with redis.cluster: ${ONE_OF}`)
  if (name !== undefined && sentinels === undefined) fail('redis.name', 'names the master that Sentinel watches: give redis.sentinels with it')
  if (cluster !== undefined) {
    const { addresses, auth } = urlList('redis.cluster', cluster)
    if (auth.db !== 0) fail('redis.cluster', `names database ${auth.db}: Redis Cluster has only database 0`)
    return { kind: 'cluster', nodes: addresses, auth }
  }
  if (sentinels !== undefined) {
    if (typeof name !== 'string') fail('redis.name', "must name the master that Sentinel watches (such as 'mymaster') when redis.sentinels is given")
    const { addresses, auth } = urlList('redis.sentinels', sentinels)
    return { kind: 'sentinel', sentinels: addresses, name, auth }
  }
  const single = url ?? DEFAULT_REDIS_URL
  parseRedisUrl('redis.url', single)
  return { kind: 'server', url: single as string }
}

/** How logs and errors name a target: never with its credentials. */
export function describeTarget (target: RedisTarget): string {
  if (target.kind === 'server') return safeRedisUrl(target.url)
  const scheme = target.auth.tls ? 'rediss' : 'redis'
  const list = (addresses: RedisAddress[]) => addresses.map(({ host, port }) => `${scheme}://${host}:${port}`).join(', ')
  if (target.kind === 'cluster') return `Redis Cluster ${list(target.nodes)}`
  return `Sentinel master '${target.name}' via ${list(target.sentinels)}`
}

/** Checks a URL at boot and returns it without credentials; a malformed one is a BootError. */
export function safeRedisUrl (url: unknown, key = 'redis.url'): string {
  const parsed = parseRedisUrl(key, url)
  parsed.username = ''
  parsed.password = ''
  return parsed.toString()
}

/** A list's addresses, and the credentials, database and TLS they all share. */
function urlList (key: string, value: unknown): { addresses: RedisAddress[], auth: RedisAuth } {
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value
  if (!Array.isArray(items)) fail(key, "must be a list of URLs such as ['redis://redis-a:7000', 'redis://redis-b:7000'] (or one comma-separated string)")
  if (items.length === 0) fail(key, 'is an empty list: give at least one URL')
  const addresses: RedisAddress[] = []
  let first: RedisAuth | undefined
  let firstKey = ''
  items.forEach((item, index) => {
    const itemKey = `${key}[${index}]`
    const parsed = parseRedisUrl(itemKey, item)
    const auth: RedisAuth = {
      username: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
      password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
      db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
      tls: parsed.protocol === 'rediss:',
    }
    if (first === undefined) [first, firstKey] = [auth, itemKey]
    else if (!sameAuth(first, auth)) fail(itemKey, `differs from ${firstKey} in its user, password, database or scheme: every URL of ${key} must give the same`)
    addresses.push({ host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port === '' ? 6379 : Number(parsed.port) })
  })
  return { addresses, auth: first! }
}

function parseRedisUrl (key: string, url: unknown): URL {
  if (typeof url !== 'string') throw E_INVALID_REDIS_URL(key, "must be a string such as 'redis://127.0.0.1:6379'")
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw E_INVALID_REDIS_URL(key, 'is not a URL (a missing scheme, a port that is not a number from 1 to 65535, or no host?)')
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw E_INVALID_REDIS_URL(key, `must start with redis:// or rediss:// (it starts with ${JSON.stringify(parsed.protocol)})`)
  }
  if (parsed.hostname === '') throw E_INVALID_REDIS_URL(key, 'has no host')
  if (parsed.port === '0') throw E_INVALID_REDIS_URL(key, 'has port 0: give a port from 1 to 65535')
  if (!/^(\/\d*)?$/.test(parsed.pathname)) throw E_INVALID_REDIS_URL(key, 'has a path that is not a database number such as /0')
  return parsed
}

function sameAuth (a: RedisAuth, b: RedisAuth): boolean {
  return a.username === b.username && a.password === b.password && a.db === b.db && a.tls === b.tls
}

/** undefined for a key that is not given (undefined, null or ''). */
function given (value: unknown): unknown {
  return value === null || value === '' ? undefined : value
}

function fail (key: string, problem: string): never {
  throw E_INVALID_CONFIG(FILE, key, problem)
}
