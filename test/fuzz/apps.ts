/** The hardening fixture app booted once per session driver, for the fuzz tests. */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture, TEST_KEY } from '../helpers/apps'

export type Driver = 'cookie' | 'file' | 'memory' | 'redis'
export const DRIVERS: Driver[] = ['cookie', 'file', 'memory', 'redis']
export const SESSION_COOKIE = 'adonis-session'
export const APP_KEY = TEST_KEY
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

export interface DriverApp {
  driver: Driver
  app: AppClient
  port: number
  /** For the file driver: the folder that holds storage (sessions live in its sessions/). */
  storage: string | null
}

export class HardeningApps {
  readonly apps = new Map<Driver, DriverApp>()
  readonly #redisPrefix = `test:fuzz:${crypto.randomBytes(6).toString('hex')}:`
  readonly #temp = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-fuzz-'))

  /** The folder every file-driver session must stay in. */
  get sessionDirectory (): string {
    return path.join(this.#temp, 'sessions')
  }

  get temp (): string {
    return this.#temp
  }

  async boot (drivers: Driver[] = DRIVERS, options: { production?: boolean } = {}): Promise<this> {
    for (const driver of drivers) {
      const session: Record<string, unknown> = { driver }
      if (driver === 'file') session.file = { directory: this.sessionDirectory }
      if (driver === 'redis') session.redis = { url: REDIS_URL, prefix: this.#redisPrefix }
      const app = await testClient(fixture('hardening_app'), { config: { session }, env: { APP_KEY }, production: options.production ?? true })
      this.apps.set(driver, { driver, app, port: Number(new URL(app.url).port), storage: driver === 'file' ? this.#temp : null })
    }
    return this
  }

  get (driver: Driver): DriverApp {
    const found = this.apps.get(driver)
    if (!found) throw new Error(`the ${driver} app was not booted`)
    return found
  }

  async close (): Promise<void> {
    await Promise.all([...this.apps.values()].map(({ app }) => app.close()))
    if (this.apps.has('redis')) {
      const admin = new Redis(REDIS_URL)
      const keys = await admin.keys(`${this.#redisPrefix}*`)
      if (keys.length > 0) await admin.del(...keys)
      await admin.quit()
    }
    fs.rmSync(this.#temp, { recursive: true, force: true })
  }
}
