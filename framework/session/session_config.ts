/**
 * config/session.js, checked once at boot: every key has a default, and a wrong one is an
 * error naming the key.
 */
import { E_INVALID_CONFIG } from '../errors'
import { isPlainObject } from '../support/object_path'
import type { SessionConfig } from './types'

const FILE = 'config/session.js'

export const SESSION_DEFAULTS: SessionConfig = {
  driver: 'cookie',
  cookie: 'adonis-session',
  age: 120,
  clearWithBrowser: false,
  httpOnly: true,
  sameSite: 'lax',
  domain: null,
  path: '/',
  secure: 'auto',
  file: { directory: 'sessions' },
  // redis.url defaults to redis://127.0.0.1:6379 when none of url, cluster and sentinels is given.
  redis: { prefix: 'session:' },
  memory: { maxSessions: 10_000 },
}

export function sessionConfig (given: unknown): SessionConfig {
  if (given !== undefined && !isPlainObject(given)) throw E_INVALID_CONFIG(FILE, 'module.exports', 'must be an object')
  const raw = (given ?? {}) as Partial<SessionConfig>
  const config: SessionConfig = {
    ...SESSION_DEFAULTS,
    ...raw,
    file: { ...SESSION_DEFAULTS.file, ...(raw.file ?? {}) },
    redis: { ...SESSION_DEFAULTS.redis, ...(raw.redis ?? {}) },
    memory: { ...SESSION_DEFAULTS.memory, ...(raw.memory ?? {}) },
  }
  if (typeof config.driver !== 'string' || config.driver === '') fail('driver', "must name a driver: 'cookie', 'file', 'redis' or 'memory'")
  if (typeof config.cookie !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(config.cookie)) fail('cookie', 'must be a cookie name (letters, digits and -_.)')
  if (typeof config.age !== 'number' || !(config.age > 0)) fail('age', 'must be a number of minutes above 0')
  if (!['lax', 'strict', 'none', true, false].includes(config.sameSite as string | boolean)) fail('sameSite', "must be 'lax', 'strict', 'none', true or false")
  if (config.sameSite === 'none' && config.secure !== true) fail('sameSite', "'none' needs secure: true (browsers refuse it otherwise)")
  if (![true, false, 'auto'].includes(config.secure)) fail('secure', "must be true, false or 'auto' (Secure on HTTPS requests, as the request or a trusted proxy says)")
  if (typeof config.path !== 'string' || !config.path.startsWith('/')) fail('path', "must start with '/'")
  if (config.domain !== null && typeof config.domain !== 'string') fail('domain', 'must be a domain name or null')
  if (typeof config.file.directory !== 'string' || config.file.directory === '') fail('file.directory', 'must be a folder name under storage/')
  if (typeof config.redis.prefix !== 'string') fail('redis.prefix', "must be a string such as 'session:'")
  if (!Number.isInteger(config.memory.maxSessions) || config.memory.maxSessions < 1) fail('memory.maxSessions', 'must be a whole number above 0, such as 10000')
  for (const key of ['clearWithBrowser', 'httpOnly'] as const) {
    if (typeof config[key] !== 'boolean') fail(key, 'must be true or false')
  }
  return config
}

function fail (key: string, problem: string): never {
  throw E_INVALID_CONFIG(FILE, key, problem)
}
