/**
 * Stopping a serving process without dropping requests: stop taking connections, let every
 * request in flight finish (its session commits before its response, so a finished request is
 * a committed one), close each keep-alive connection once its last answer is out, and only then
 * close the app (the session store's connection last). Whatever is still running when the
 * drain time is up is cut off, and the log says how many requests that was.
 */
import type http from 'node:http'
import net from 'node:net'
import type { Application } from '../application'
import { E_INVALID_CONFIG } from '../errors'

/** The drain time when config/app.ts sets none: longer than most requests, shorter than most supervisors' grace. */
export const DEFAULT_DRAIN_MS = 10_000
/**
 * A keep-alive connection with no request for this long is closed while draining. Not at once:
 * a client may be sending its next request on it right now, and would see the connection close
 * under it (a failed request); a busy client sends within milliseconds and gets `Connection:
 * close` on that answer instead.
 */
const IDLE_CLOSE_MS = 1000
const POLL_MS = 50

interface Tracked { inFlight: number, idleSince: number }

/** Counts requests in flight per connection, from listen() on, so that a stop knows what to wait for. */
export class ServerDrain {
  readonly #server: http.Server
  readonly #sockets = new Map<net.Socket, Tracked>()
  #stopping = false
  #finishedWhileStopping = 0

  constructor (server: http.Server) {
    this.#server = server
    server.on('connection', (socket: net.Socket) => {
      this.#sockets.set(socket, { inFlight: 0, idleSince: Date.now() })
      socket.once('close', () => this.#sockets.delete(socket))
    })
    server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      const tracked = this.#sockets.get(request.socket)
      if (tracked === undefined) return
      tracked.inFlight++
      // This answer is the connection's last: the client opens its next one elsewhere.
      if (this.#stopping && !response.headersSent) response.setHeader('Connection', 'close')
      response.once('close', () => {
        tracked.inFlight--
        tracked.idleSince = Date.now()
        if (this.#stopping && response.writableFinished) this.#finishedWhileStopping++
      })
    })
  }

  /** Requests being answered now. */
  get inFlight (): number {
    let count = 0
    for (const tracked of this.#sockets.values()) count += tracked.inFlight
    return count
  }

  /**
   * Stops listening and waits until every connection is gone, for at most drainMs; then cuts
   * what is left. Resolves with how many requests finished meanwhile and how many were cut off.
   */
  async drain (drainMs: number): Promise<{ finished: number, cut: number }> {
    this.#stopping = true
    // net's close, not http's: http's would also drop idle keep-alive connections at once.
    net.Server.prototype.close.call(this.#server)
    const deadline = Date.now() + drainMs
    while (this.#sockets.size > 0 && Date.now() < deadline) {
      const now = Date.now()
      for (const [socket, tracked] of this.#sockets) {
        if (tracked.inFlight === 0 && now - tracked.idleSince >= Math.min(IDLE_CLOSE_MS, drainMs)) socket.destroy()
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
    const cut = this.inFlight
    for (const socket of this.#sockets.keys()) socket.destroy()
    return { finished: this.#finishedWhileStopping, cut }
  }
}

/** config/app.ts http.drainTimeout (ms): how long a stopping process waits for its requests. */
export function drainTimeout (app: Application): number {
  const value = app.config.get<unknown>('app.http.drainTimeout', DEFAULT_DRAIN_MS)
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw E_INVALID_CONFIG('config/app.ts', 'http.drainTimeout', 'must be a number of milliseconds (0 or more), such as 10000')
  }
  return value
}

/** Drains the server, closes the app and logs both steps; `who` names the process in the log. */
export async function stopServing (app: Application, drain: ServerDrain, drainMs: number, who: string): Promise<void> {
  const started = Date.now()
  app.logger.info(`${who} stopping: ${drain.inFlight} requests in flight, waiting up to ${drainMs} ms for them`)
  const { finished, cut } = await drain.drain(drainMs)
  await app.close()
  const log = cut > 0 ? app.logger.warn.bind(app.logger) : app.logger.info.bind(app.logger)
  log(`${who} stopped in ${Date.now() - started} ms: ${finished} requests finished` +
    (cut > 0 ? `, ${cut} cut off by the drain time (http.drainTimeout in config/app.ts)` : ''))
}
