/** The CORS answer to one request, as config/cors says: its headers, and whether it is a preflight to answer at once. */
import type { CorsConfig } from './cors_config'

/** What of the request CORS reads. */
export interface CorsRequest {
  method: string
  origin: string
  /** Access-Control-Request-Method: present on preflight requests only. */
  requestMethod: string
  requestHeaders: string
}

export interface CorsAnswer {
  preflight: boolean
  headers: Array<[string, string]>
}

export function corsAnswer (config: CorsConfig, request: CorsRequest): CorsAnswer {
  const preflight = request.method === 'OPTIONS' && request.requestMethod !== '' && request.origin !== ''
  const headers: Array<[string, string]> = []
  if (config.varies) headers.push(['Vary', 'Origin'])
  const allowed = request.origin === '' ? null : config.origin(request.origin)
  if (allowed === null) return { preflight, headers }
  headers.push(['Access-Control-Allow-Origin', allowed])
  if (config.credentials) headers.push(['Access-Control-Allow-Credentials', 'true'])
  if (!preflight) {
    if (config.exposeHeaders !== null) headers.push(['Access-Control-Expose-Headers', config.exposeHeaders])
    return { preflight, headers }
  }
  headers.push(['Access-Control-Allow-Methods', config.methods])
  const allowHeaders = config.headers(request.requestHeaders)
  if (allowHeaders !== null) headers.push(['Access-Control-Allow-Headers', allowHeaders])
  if (config.maxAge !== null) headers.push(['Access-Control-Max-Age', String(config.maxAge)])
  return { preflight, headers }
}
