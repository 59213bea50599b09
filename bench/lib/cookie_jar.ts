/** One client's cookies: what Set-Cookie headers give, sent back in a Cookie header. */
export class CookieJar {
  readonly #cookies = new Map<string, string>()

  /** Takes the Set-Cookie header(s) of a response; a cookie that expires now is dropped. */
  store (setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const semicolon = line.indexOf(';')
      const pair = semicolon === -1 ? line : line.slice(0, semicolon)
      const equals = pair.indexOf('=')
      if (equals <= 0) continue
      const name = pair.slice(0, equals).trim()
      const value = pair.slice(equals + 1).trim()
      const attributes = semicolon === -1 ? '' : line.slice(semicolon).toLowerCase()
      if (value === '' || /;\s*max-age=(0|-\d+)/.test(attributes) || /;\s*expires=thu, 01 jan 1970/.test(attributes)) {
        this.#cookies.delete(name)
      } else {
        this.#cookies.set(name, value)
      }
    }
  }

  /** The Cookie header to send, or '' when there are none. */
  header (): string {
    let header = ''
    for (const [name, value] of this.#cookies) header += (header ? '; ' : '') + name + '=' + value
    return header
  }

  get size (): number {
    return this.#cookies.size
  }
}

/** The Set-Cookie values of a header object whose names may be in any case. */
export function setCookieOf (headers: Record<string, string | string[] | undefined> | undefined): string | string[] | undefined {
  if (headers === undefined) return undefined
  if (headers['set-cookie'] !== undefined) return headers['set-cookie']
  for (const name in headers) if (name.toLowerCase() === 'set-cookie') return headers[name]
  return undefined
}
