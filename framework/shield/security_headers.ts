/** The security headers Shield sends on every routed response, as config/shield says (CSP aside: see csp.ts). */
import type { ShieldConfig } from './shield_config'

/** What of the request the headers depend on. */
export interface HeaderRequest {
  https: boolean
  userAgent: string | undefined
}

/** Header name and value pairs; HSTS only on HTTPS requests (over plain HTTP it means nothing and is ignored). */
export function securityHeaders (config: ShieldConfig, request: HeaderRequest): Array<[string, string]> {
  const headers: Array<[string, string]> = []
  if (config.nosniff) headers.push(['X-Content-Type-Options', 'nosniff'])
  if (config.xframe) headers.push(['X-Frame-Options', config.xframe])
  if (config.xss) headers.push(['X-XSS-Protection', xssValue(config.xss, request.userAgent)])
  if (config.noopen) headers.push(['X-Download-Options', 'noopen'])
  if (config.referrerPolicy) headers.push(['Referrer-Policy', config.referrerPolicy])
  if (config.hsts !== false && request.https) {
    const { maxAge, includeSubDomains, preload } = config.hsts
    headers.push(['Strict-Transport-Security', `max-age=${maxAge}${includeSubDomains ? '; includeSubDomains' : ''}${preload ? '; preload' : ''}`])
  }
  return headers
}

/** As v3: Internet Explorer before 9 gets 0 (its filter could be turned into a hole) unless enableOnOldIE. */
function xssValue (xss: Exclude<ShieldConfig['xss'], false>, userAgent: string | undefined): string {
  const on = xss.mode === 'block' ? '1; mode=block' : '1'
  if (xss.enableOnOldIE || userAgent === undefined) return on
  const version = /MSIE (\d+)/i.exec(userAgent.slice(0, 512))
  return version !== null && Number(version[1]) < 9 ? '0' : on
}
