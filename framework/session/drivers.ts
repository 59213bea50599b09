/** The session drivers by name; Session.extend() adds the app's own. */
import { CookieStore } from './stores/cookie_store'
import { FileStore } from './stores/file_store'
import { MemoryStore } from './stores/memory_store'
import { RedisStore } from './stores/redis_store'
import type { SessionDriverFactory } from './types'

export const sessionDrivers = new Map<string, SessionDriverFactory>([
  ['cookie', (config, app) => new CookieStore(config, app)],
  ['file', (config, app) => new FileStore(config, app)],
  ['memory', (config) => new MemoryStore(config)],
  ['redis', (config, app) => new RedisStore(config, app)],
])
