/** The security headers Shield sends on every routed response, as config/shield says. */
import type { ShieldConfig } from './shield_config'

/** Header name and value pairs; HSTS only on HTTPS requests (over plain HTTP it means nothing and is ignored). */
export function securityHeaders (config: ShieldConfig, https: boolean): Array<[string, string]> {
  const headers: Array<[string, string]> = []
  if (config.nosniff) headers.push(['X-Content-Type-Options', 'nosniff'])
  if (config.xframe) headers.push(['X-Frame-Options', config.xframe])
  if (config.referrerPolicy) headers.push(['Referrer-Policy', config.referrerPolicy])
  if (config.hsts !== false && https) {
    const { maxAge, includeSubDomains, preload } = config.hsts
    headers.push(['Strict-Transport-Security', `max-age=${maxAge}${includeSubDomains ? '; includeSubDomains' : ''}${preload ? '; preload' : ''}`])
  }
  return headers
}

/** Whether a path needs no CSRF token: exact, or a prefix ending with *. */
export function isCsrfExempt (path: string, except: readonly string[]): boolean {
  return except.some((pattern) => pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern)
}
