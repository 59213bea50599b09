/**
 * A page still rendering ({% yield %}, an async filter), as an HTTP response body: it sends
 * the page once complete. A caller that can wait should use ViewRenderer.renderAsync()
 * instead; this lets response.sendView(), which sets a body without waiting, serve such
 * pages too.
 *
 * A render that fails answers a plain 500: the message goes to the log, never to the page.
 * (The page is sent in one piece once complete, so a failure always comes before anything
 * was sent.)
 */
import type { ServerResponse } from 'node:http'
import { Readable, type Writable } from 'node:stream'

export class PendingPage extends Readable {
  readonly #report: (error: Error) => void
  #response: ServerResponse | null = null
  #failure: Error | null = null

  /** report: where a failed render's error goes (the log). */
  constructor (report: (error: Error) => void) {
    super({ read () {} })
    this.#report = report
  }

  override pipe<T extends NodeJS.WritableStream> (destination: T, options?: { end?: boolean }): T {
    if (isResponse(destination)) this.#response = destination
    if (this.#failure !== null) this.#answerFailure()
    return super.pipe(destination, options)
  }

  /** Sends the rendered page. */
  finish (html: string): void {
    if (this.destroyed) return
    this.push(html)
    this.push(null)
  }

  /** Reports the error, and answers 500 once the page is piped into a response (now, if it already is). */
  fail (error: Error): void {
    this.#report(error)
    if (this.destroyed) return
    this.#failure = error
    if (this.#response !== null) this.#answerFailure()
  }

  #answerFailure (): void {
    const response = this.#response
    // Not a response (a caller that should have used renderAsync()), or one already begun: end with the error.
    if (response === null || response.headersSent) return void this.destroy(this.#failure!)
    response.statusCode = 500
    response.setHeader('Content-Type', 'text/plain; charset=utf-8')
    response.removeHeader('Content-Length')
    this.push('Internal Server Error')
    this.push(null)
  }
}

function isResponse (destination: NodeJS.WritableStream | Writable): destination is ServerResponse {
  return typeof (destination as ServerResponse).setHeader === 'function' && 'headersSent' in destination
}
