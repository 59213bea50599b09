/**
 * `adonis-lite/testing`: boot an app folder in this process, on a loopback port, and talk to
 * it over real HTTP with a cookie jar.
 *
 *   const client = await testClient(appRoot)
 *   const page = await client.get('/signup')
 *   await client.close()
 */
import crypto from 'node:crypto'
import type { Application } from '../application'
import { serverUrl } from '../application'
import type { ConfigValues } from '../config/config'
import { loadEnvFile } from '../config/env'
import type { BootOptions } from '../ignitor'
import { TestClient } from './test_client'

export { CookieJar, parseSetCookie, type StoredCookie } from './cookie_jar'
export { TestClient, type RequestOptions, type TestResponse } from './test_client'

export interface TestClientOptions {
  /** Values merged over config/: { session: { driver: 'memory', age: 0.05 } }. */
  config?: ConfigValues
  /** Environment variables set while the app boots (its config files read them). */
  env?: Record<string, string | undefined>
  production?: boolean
}

/** A client of the app, with the app itself; close() stops it. */
export class AppClient extends TestClient {
  constructor (url: string, readonly app: Application) {
    super(url)
  }

  /** A new client (empty cookie jar) of the same server. */
  newClient (): TestClient {
    return new TestClient(this.url)
  }

  close (): Promise<void> {
    return this.app.close()
  }
}

/** Boots the app in root and starts it on a free loopback port. */
export async function testClient (root: string, options: TestClientOptions = {}): Promise<AppClient> {
  const app = bootForTest({ root, config: options.config, production: options.production ?? false }, options.env ?? {})
  const server = await app.listen(0, '127.0.0.1')
  return new AppClient(serverUrl(server), app)
}

/**
 * Boots with the given environment, then restores it. Under Jest, each boot gets fresh copies
 * of the framework and the app's modules, so config files see the current environment and
 * every boot has its own routes.
 */
function bootForTest (options: BootOptions, env: Record<string, string | undefined>): Application {
  const saved = { ...process.env }
  try {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    loadEnvFile(options.root)
    // An app without a key can still be tested: it gets a throwaway one.
    process.env.APP_KEY ||= crypto.randomBytes(32).toString('base64url')
    const jest = jestRuntime()
    if (!jest) return require('../ignitor').boot(options)
    let app: Application | undefined
    jest.isolateModules(() => { app = require('../ignitor').boot(options) })
    return app!
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
}

function jestRuntime (): { isolateModules (fn: () => void): void } | null {
  if (process.env.JEST_WORKER_ID === undefined) return null
  try {
    return require('@jest/globals').jest
  } catch {
    return null
  }
}
