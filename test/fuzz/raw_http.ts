/**
 * Requests written byte by byte on a fresh TCP connection, so tests can send what no HTTP
 * client library would: raw bytes in headers, invalid UTF-8, duplicated headers, any body.
 */
import net from 'node:net'

export interface RawResponse {
  /** The status code, or 0 when the connection closed without an answer. */
  status: number
  head: string
  body: Buffer
}

export interface RawRequest {
  method: string
  path: string
  /** Header lines in order, as bytes; a name may repeat. */
  headers: Array<[string, string | Buffer]>
  body?: Buffer
}

/** How many generated cases each fuzz property runs: FUZZ_RUNS, else a count small enough for every test run. */
export function fuzzRuns (fallback = 400): number {
  const runs = Number(process.env.FUZZ_RUNS)
  return Number.isInteger(runs) && runs > 0 ? runs : fallback
}

/** The bytes of a request; Host, Content-Length and Connection: close are added. */
export function encodeRequest (port: number, request: RawRequest): Buffer {
  const lines: Buffer[] = [Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`, 'latin1')]
  for (const [name, value] of request.headers) {
    lines.push(Buffer.from(`${name}: `, 'latin1'), typeof value === 'string' ? Buffer.from(value, 'latin1') : value, Buffer.from('\r\n'))
  }
  const body = request.body ?? Buffer.alloc(0)
  if (body.length > 0 || request.method !== 'GET') lines.push(Buffer.from(`Content-Length: ${body.length}\r\n`))
  lines.push(Buffer.from('Connection: close\r\n\r\n'), body)
  return Buffer.concat(lines)
}

/** Sends one request and reads the whole answer; the server closes the connection after it. */
export function rawRequest (port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer within ${timeoutMs} ms to ${request.method} ${request.path}`))
    }, timeoutMs)
    socket.on('data', (chunk) => chunks.push(chunk))
    // The server may close while the request is still being written (an answer such as 413 or 431 comes first).
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(parseResponse(Buffer.concat(chunks)))
    })
    socket.write(encodeRequest(port, request))
  })
}

function parseResponse (raw: Buffer): RawResponse {
  const end = raw.indexOf('\r\n\r\n')
  const head = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1')
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)
  return { status: status ? Number(status[1]) : 0, head, body: end === -1 ? Buffer.alloc(0) : decodeChunked(head, raw.subarray(end + 4)) }
}

function decodeChunked (head: string, body: Buffer): Buffer {
  if (!/^transfer-encoding:\s*chunked/im.test(head)) return body
  const parts: Buffer[] = []
  let offset = 0
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset)
    if (lineEnd === -1) break
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16)
    if (!(size > 0)) break
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
    offset = lineEnd + 2 + size + 2
  }
  return Buffer.concat(parts)
}

/** The value of the first header with this name in a raw response head. */
export function headerOf (response: RawResponse, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(response.head)
  return match?.[1]?.trim()
}
