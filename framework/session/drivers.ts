/** The session drivers by name; Session.extend() adds the app's own. */
import { CookieStore } from './stores/cookie_store'
import type { SessionDriverFactory } from './types'

// The other stores are required when chosen: an app uses one driver, and a cold start need not
// load the rest (ioredis above all; bench/startup.ts measures cold starts).
export const sessionDrivers = new Map<string, SessionDriverFactory>([
  ['cookie', (config, app) => new CookieStore(config, app)],
  ['file', (config, app) => new (require('./stores/file_store') as typeof import('./stores/file_store')).FileStore(config, app)],
  ['memory', (config) => new (require('./stores/memory_store') as typeof import('./stores/memory_store')).MemoryStore(config)],
  ['redis', (config, app) => new (require('./stores/redis_store') as typeof import('./stores/redis_store')).RedisStore(config, app)],
])
