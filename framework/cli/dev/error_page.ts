/**
 * While the app cannot boot, `serve --dev` answers on its port itself: every request gets a
 * 500 that shows the boot error (HTML or JSON by Accept), so a browser reload says what to fix
 * instead of "connection refused".
 */
import http from 'node:http'
import { DevHosts } from '../../http/dev_hosts'
import type { ListenAddress } from '../listen'

export class ErrorPage {
  #server: http.Server | null = null
  #message = ''
  #hosts = new DevHosts('', [])

  /** Shows this message on the address, starting to listen if needed. Never throws: the page is a courtesy. */
  async show (message: string, address: ListenAddress): Promise<void> {
    this.#message = message
    this.#hosts = new DevHosts(address.host, [])
    if (this.#server) return
    const server = http.createServer((request, response) => this.#answer(request, response))
    await new Promise<void>((resolve) => {
      server.once('error', () => resolve())
      server.listen(address.port, address.host, () => {
        this.#server = server
        resolve()
      })
    })
  }

  /** Lets go of the port, dropping open connections. */
  async close (): Promise<void> {
    const server = this.#server
    if (!server) return
    this.#server = null
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }

  #answer (request: http.IncomingMessage, response: http.ServerResponse): void {
    // The message holds file paths and code: only for a browser on this machine (see DevHosts).
    if (!this.#hosts.allows(request.headers.host)) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
      response.end(`Host '${request.headers.host ?? ''}' is not allowed in development\n`)
      return
    }
    const wantsJson = /json/.test(request.headers.accept ?? '') && !/html/.test(request.headers.accept ?? '')
    response.statusCode = 500
    response.setHeader('Connection', 'close')
    if (wantsJson) {
      response.setHeader('Content-Type', 'application/json; charset=utf-8')
      response.end(JSON.stringify({ error: { code: 'E_BOOT', message: this.#message } }))
      return
    }
    response.setHeader('Content-Type', 'text/html; charset=utf-8')
    response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The app cannot start</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}
pre{background:#fdf2f2;border-left:4px solid #c53030;padding:1rem;overflow:auto;font-size:14px}</style></head>
<body><h1>The app cannot start</h1>
<pre>${escapeHtml(this.#message)}</pre>
<p>Fix the file and save it: the dev server restarts by itself, then reload this page.</p>
</body></html>
`)
  }
}

function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
