/**
 * Environment variables: `.env` is read once at boot, and variables already set in the
 * process environment always win over it (so `SESSION_DRIVER=file adonis-lite serve` works).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'

/** Reads `<root>/.env` into process.env without overriding variables that are already set. */
export function loadEnvFile (root: string): void {
  const file = path.join(root, '.env')
  if (!fs.existsSync(file)) return
  // Node's own parser (the one behind --env-file) reads dotenv's syntax, without a module to load at boot.
  const parsed = parseEnv(fs.readFileSync(file, 'utf8'))
  for (const [key, value] of Object.entries(parsed)) {
    if (process.env[key] === undefined) process.env[key] = value
  }
}

/** Reads environment variables: `Env.get('PORT', 3333)`. Empty strings count as unset. */
export const Env = {
  get<T = undefined> (key: string, defaultValue?: T): string | T {
    const value = process.env[key]
    return value === undefined || value === '' ? (defaultValue as T) : value
  },

  /** 'true', '1', 'yes' and 'on' are true; 'false', '0', 'no' and 'off' are false. */
  boolean (key: string, defaultValue = false): boolean {
    const value = Env.get(key)
    if (value === undefined) return defaultValue
    if (/^(true|1|yes|on)$/i.test(value)) return true
    if (/^(false|0|no|off)$/i.test(value)) return false
    return defaultValue
  },

  number (key: string, defaultValue: number): number {
    const value = Number(Env.get(key))
    return Env.get(key) === undefined || Number.isNaN(value) ? defaultValue : value
  },
}
