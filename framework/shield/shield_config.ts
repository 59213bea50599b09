/** config/shield.ts: CSRF protection and the security headers, each with a safe default. */
import { E_INVALID_CONFIG } from '../errors'
import { isPlainObject } from '../support/object_path'

export interface ShieldConfig {
  csrf: {
    enabled: boolean
    /** Verbs that need a token. */
    methods: string[]
    /** Paths that never need one (webhooks): exact, or ending with * for a prefix. */
    except: string[]
  }
  /** X-Frame-Options: 'DENY', 'SAMEORIGIN', or false to leave it out. */
  xframe: 'DENY' | 'SAMEORIGIN' | false
  /** X-Content-Type-Options: nosniff. */
  nosniff: boolean
  /** Referrer-Policy, or false to leave it out. */
  referrerPolicy: string | false
  /** Strict-Transport-Security on HTTPS requests (never over plain HTTP), or false to leave it out. */
  hsts: { maxAge: number, includeSubDomains: boolean, preload: boolean } | false
}

export const SHIELD_DEFAULTS: ShieldConfig = {
  csrf: { enabled: true, methods: ['POST', 'PUT', 'PATCH', 'DELETE'], except: [] },
  xframe: 'SAMEORIGIN',
  nosniff: true,
  referrerPolicy: 'strict-origin-when-cross-origin',
  // 180 days, as helmet sends it: browsers then refuse plain HTTP to this host for that long.
  hsts: { maxAge: 15_552_000, includeSubDomains: true, preload: false },
}

export function shieldConfig (given: unknown): ShieldConfig {
  if (given !== undefined && !isPlainObject(given)) throw E_INVALID_CONFIG('config/shield.ts', 'the export', 'must be an object')
  const raw = (given ?? {}) as Partial<ShieldConfig>
  const config: ShieldConfig = {
    ...SHIELD_DEFAULTS,
    ...raw,
    csrf: { ...SHIELD_DEFAULTS.csrf, ...(raw.csrf ?? {}) },
    hsts: raw.hsts === false ? false : { ...(SHIELD_DEFAULTS.hsts as object), ...(raw.hsts ?? {}) } as ShieldConfig['hsts'],
  }
  if (config.hsts !== false && (typeof config.hsts.maxAge !== 'number' || !(config.hsts.maxAge >= 0))) {
    throw E_INVALID_CONFIG('config/shield.ts', 'hsts.maxAge', 'must be a number of seconds, such as 15552000 (180 days), or hsts: false')
  }
  if (!Array.isArray(config.csrf.methods)) throw E_INVALID_CONFIG('config/shield.ts', 'csrf.methods', "must list verbs, such as ['POST', 'PUT', 'PATCH', 'DELETE']")
  if (!Array.isArray(config.csrf.except)) throw E_INVALID_CONFIG('config/shield.ts', 'csrf.except', "must list paths, such as ['/webhooks/*']")
  if (![false, 'DENY', 'SAMEORIGIN'].includes(config.xframe)) throw E_INVALID_CONFIG('config/shield.ts', 'xframe', "must be 'DENY', 'SAMEORIGIN' or false")
  config.csrf.methods = config.csrf.methods.map((method) => String(method).toUpperCase())
  return config
}
