/**
 * Environment variables: `.env` is read once at boot, and variables already set in the
 * process environment always win over it (so `SESSION_DRIVER=file adonis-lite serve` works).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'
import { E_INVALID_ENV } from '../errors'

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

/**
 * Reads environment variables: `Env.get('PORT', 3333)`. Empty strings count as unset. A value
 * that is set but malformed (`PORT=abc` for Env.number) stops the boot naming the variable,
 * rather than quietly becoming the default.
 */
export const Env = {
  get<T = undefined> (key: string, defaultValue?: T): string | T {
    const value = process.env[key]
    return value === undefined || value === '' ? (defaultValue as T) : value
  },

  /** 'true', '1', 'yes' and 'on' are true; 'false', '0', 'no' and 'off' are false. */
  boolean (key: string, defaultValue = false): boolean {
    const value = Env.get(key)
    if (value === undefined) return defaultValue
    const parsed = parseEnvValue('boolean', value)
    if (parsed === undefined) throw E_INVALID_ENV(key, value, 'true or false (or 1/0, yes/no, on/off)')
    return parsed as boolean
  },

  /** A number in decimal notation. */
  number (key: string, defaultValue: number): number {
    const value = Env.get(key)
    if (value === undefined) return defaultValue
    const parsed = parseEnvValue('number', value)
    if (parsed === undefined) throw E_INVALID_ENV(key, value, 'a number')
    return parsed as number
  },

  /** An absolute URL with a scheme (redis://..., https://...), as given. */
  url (key: string, defaultValue?: string): string | undefined {
    const value = Env.get(key)
    if (value === undefined) return defaultValue
    if (parseEnvValue('url', value) === undefined) throw E_INVALID_ENV(key, value, 'a URL such as https://example.com or redis://127.0.0.1:6379')
    return value
  },
}

/** The kinds of value a variable may be declared as (Env.* and the env schema of config/app.ts). */
export type EnvKind = 'string' | 'number' | 'boolean' | 'url'

/** A variable's value read as kind, or undefined when it is not one. */
export function parseEnvValue (kind: EnvKind, value: string): string | number | boolean | undefined {
  switch (kind) {
    case 'string': return value
    case 'number': return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : undefined
    case 'boolean': return /^(true|1|yes|on)$/i.test(value) ? true : /^(false|0|no|off)$/i.test(value) ? false : undefined
    case 'url': return isUrl(value) ? value : undefined
  }
}

/** scheme://rest, as URL parses it ('localhost:6379' has no scheme: it is no URL here). */
function isUrl (value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value)) return false
  try {
    return Boolean(new URL(value))
  } catch {
    return false
  }
}
