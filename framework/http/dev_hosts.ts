/**
 * In development, answers go only to requests that name this machine in their Host header.
 * A page on any site can make a browser send requests to 127.0.0.1 under its own name (DNS
 * rebinding) and read the answers, stack traces included; naming the host is what it cannot
 * fake. Production apps answer any host: they sit behind a proxy with their real names.
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])
/** Addresses that mean "every interface", not a name a request would carry. */
const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]'])

export class DevHosts {
  readonly #allowed: Set<string>

  /** `listenHost`: the HOST the app listens on; `allowedHosts`: http.allowedHosts of config/app.ts. */
  constructor (listenHost: string, allowedHosts: readonly string[]) {
    this.#allowed = new Set(allowedHosts.map((host) => host.toLowerCase()))
    if (!WILDCARDS.has(listenHost)) this.#allowed.add(listenHost.toLowerCase())
  }

  /** Whether a request with this Host header may be answered. */
  allows (hostHeader: string | undefined): boolean {
    if (hostHeader === undefined || hostHeader === '') return false
    const host = hostOf(hostHeader.toLowerCase())
    return LOOPBACK.has(host) || host.endsWith('.localhost') || this.#allowed.has(host)
  }
}

/** 'example.com:3333' -> 'example.com'; '[::1]:3333' -> '[::1]'. */
function hostOf (header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1)
  const colon = header.lastIndexOf(':')
  return colon === -1 ? header : header.slice(0, colon)
}
