/**
 * An HTTP client for tests: real requests to a real server on a loopback port, with a cookie
 * jar, redirects left for the test to follow (or not), bodies sent as forms or JSON.
 */
import { CookieJar, type StoredCookie, parseSetCookie } from './cookie_jar'

export interface RequestOptions {
  headers?: Record<string, string>
  /** A form (an object, sent urlencoded with a[b] keys for nesting), a FormData (multipart), a string or a Buffer. */
  body?: unknown
  /** Send an object body as JSON instead of a form. */
  json?: boolean
  /** Leave the jar's cookies out of this request. */
  withoutCookies?: boolean
}

export interface TestResponse {
  status: number
  headers: Record<string, string>
  text: string
  /** The Location header as an absolute URL, or null. */
  location: string | null
  /** The cookies this response set. */
  cookies: StoredCookie[]
  json<T = any> (): T
}

export class TestClient {
  readonly jar: CookieJar

  constructor (readonly url: string, jar = new CookieJar()) {
    this.jar = jar
  }

  get (path: string, options?: RequestOptions) { return this.request('GET', path, options) }
  head (path: string, options?: RequestOptions) { return this.request('HEAD', path, options) }
  options (path: string, options?: RequestOptions) { return this.request('OPTIONS', path, options) }
  post (path: string, body?: unknown, options?: RequestOptions) { return this.request('POST', path, { ...options, body }) }
  put (path: string, body?: unknown, options?: RequestOptions) { return this.request('PUT', path, { ...options, body }) }
  patch (path: string, body?: unknown, options?: RequestOptions) { return this.request('PATCH', path, { ...options, body }) }
  delete (path: string, body?: unknown, options?: RequestOptions) { return this.request('DELETE', path, { ...options, body }) }

  /** Another client of the same server with a copy of this one's cookies. */
  clone (): TestClient {
    return new TestClient(this.url, this.jar.copy())
  }

  /** GETs where a redirect points. */
  follow (response: TestResponse): Promise<TestResponse> {
    if (!response.location) throw new Error(`expected a redirect, got ${response.status}`)
    return this.get(response.location)
  }

  async request (method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const target = new URL(path, this.url)
    const headers: Record<string, string> = {}
    const { body, contentType } = encodeBody(options.body, options.json ?? false)
    if (contentType) headers['content-type'] = contentType
    const cookieHeader = this.jar.header()
    if (cookieHeader && !options.withoutCookies) headers.cookie = cookieHeader
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value

    const response = await fetch(target, { method, headers, body, redirect: 'manual' })
    const text = await response.text()
    const setCookies = response.headers.getSetCookie()
    this.jar.store(setCookies)
    const location = response.headers.get('location')
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text,
      location: location === null ? null : new URL(location, target).href,
      cookies: setCookies.map((header) => parseSetCookie(header)).filter((cookie): cookie is StoredCookie => cookie !== null),
      json () {
        try {
          return JSON.parse(text)
        } catch {
          throw new Error(`expected JSON from ${method} ${target.pathname} (${response.status}), got: ${text.slice(0, 200)}`)
        }
      },
    }
  }
}

function encodeBody (data: unknown, asJson: boolean): { body?: string | Buffer | FormData, contentType?: string } {
  if (data === undefined || data === null) return {}
  if (data instanceof FormData) return { body: data } // multipart, with the boundary fetch chooses
  if (asJson) return { body: JSON.stringify(data), contentType: 'application/json' }
  if (typeof data === 'string' || Buffer.isBuffer(data)) return { body: data }
  if (data instanceof URLSearchParams) return { body: data.toString(), contentType: 'application/x-www-form-urlencoded' }
  return { body: formEncode(data as Record<string, unknown>).toString(), contentType: 'application/x-www-form-urlencoded' }
}

/** { a: 1, list: [1, 2], nested: { b: 2 } } -> a=1&list[0]=1&list[1]=2&nested[b]=2 */
function formEncode (data: Record<string, unknown>, form = new URLSearchParams(), prefix = ''): URLSearchParams {
  for (const [key, value] of Object.entries(data)) {
    const name = prefix ? `${prefix}[${key}]` : key
    if (value !== null && typeof value === 'object') formEncode(value as Record<string, unknown>, form, name)
    else form.append(name, value === null || value === undefined ? '' : String(value))
  }
  return form
}
