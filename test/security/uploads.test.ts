/**
 * Uploads reach the disk only for a request that has earned it: a route that answers it, a
 * valid CSRF token, and every middleware of the route passed. Each case sends a multipart body
 * whose file is only half sent, and looks into the uploads folder while the connection is still
 * open: that is when a server that parsed first would be holding the file. All requests
 * together hold at most bodyParser.uploadsLimit bytes in temp files.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { removeApp, tempApp, TEST_KEY } from '../helpers/apps'
import { csrfOf } from '../helpers/html'

const BOUNDARY = 'XyZ'
const ROUTES = `
import { Route } from 'adonis-lite'
Route.get('/form', (request, response) => response.sendView('form'))
Route.post('/upload', (request, response) => { response.json({ files: Object.values(request.files()).flat().map((file) => file.size) }) })
Route.post('/private/upload', (request, response) => { response.json({ ok: true }) }).middleware('auth')
`

/** An upload in progress on a raw socket: the head of a multipart body, its file half sent. */
class HalfUpload {
  readonly socket: net.Socket
  answer = ''

  constructor (port: number, urlPath: string, headers: Record<string, string>, fields: Record<string, string>, fileBytes: number) {
    this.socket = net.connect(port, '127.0.0.1')
    this.socket.on('data', (chunk) => { this.answer += chunk.toString('latin1') })
    this.socket.on('error', () => undefined)
    let body = ''
    for (const [name, value] of Object.entries(fields)) body += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
    body += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="avatar"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`
    const head = [`POST ${urlPath} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
      `Content-Length: ${body.length + fileBytes * 2 + 100}`, ...Object.entries(headers).map(([key, value]) => `${key}: ${value}`)]
    this.socket.write(`${head.join('\r\n')}\r\n\r\n${body}`)
    this.socket.write(Buffer.alloc(fileBytes, 0x61))
  }

  /** The status line's code, once the server has answered (or null after ms). */
  async status (ms = 5000): Promise<number | null> {
    const deadline = Date.now() + ms
    while (!/^HTTP\/1\.1 \d{3}/.test(this.answer) && Date.now() < deadline) await sleep(10)
    const match = /^HTTP\/1\.1 (\d{3})/.exec(this.answer)
    return match ? Number(match[1]) : null
  }

  close (): void {
    this.socket.destroy()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('Security | uploads', () => {
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-uploads-test-'))
  let root: string
  let app: AppClient
  let port: number
  let cookie: string
  let token: string
  const held: HalfUpload[] = []
  const upload = (...args: ConstructorParameters<typeof HalfUpload> extends [number, ...infer Rest] ? Rest : never) => {
    const half = new HalfUpload(port, ...args)
    held.push(half)
    return half
  }
  /** Files in the uploads folder that hold any bytes yet. */
  const filesOnDisk = async () => {
    await sleep(150) // time for a server that writes to have written
    return fs.readdirSync(uploadsDir).filter((name) => fs.statSync(path.join(uploadsDir, name)).size > 0)
  }

  beforeAll(async () => {
    root = tempApp({
      'start/routes.ts': ROUTES,
      'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser', 'Adonis/Middleware/Shield']\n" +
        "export const namedMiddleware = { auth: 'App/Http/Middleware/Auth' }\n",
      'app/Http/Middleware/Auth.ts': 'export default class Auth {\n  * handle (request, response, next) {\n' +
        "    if (!(yield request.session.get('userId'))) return response.redirect('/login')\n    yield next\n  }\n}\n",
      'config/bodyParser.js': `module.exports = { uploadsDir: ${JSON.stringify(uploadsDir)}, uploadsLimit: '300kb' }\n`,
      'config/session.js': "module.exports = { driver: 'memory' }\n",
      'resources/views/form.njk': "{{ form.open({ url: '/upload', files: true }) }}{{ form.close() }}\n",
    })
    app = await testClient(root, { env: { APP_KEY: TEST_KEY }, production: true })
    port = Number(new URL(app.url).port)
    const client = app.newClient()
    token = csrfOf((await client.get('/form')).text)
    cookie = client.jar.header()!
  })
  afterEach(() => {
    for (const half of held.splice(0)) half.close()
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
    fs.rmSync(uploadsDir, { recursive: true, force: true })
  })

  it('writes the file of a request its handler is about to receive (the control case)', async () => {
    const half = upload('/upload', { Cookie: cookie }, { _csrf: token }, 100_000)
    expect(await filesOnDisk()).toHaveLength(1)
    expect(await half.status(300)).toBeNull()
  })

  it('answers a path no route serves with 404 before reading the file, and writes nothing', async () => {
    const half = upload('/nowhere', { Cookie: cookie }, { _csrf: token }, 100_000)
    expect(await half.status()).toBe(404)
    expect(await filesOnDisk()).toEqual([])
    expect(half.answer).toMatch(/\r\nConnection: close\r\n/i)
  })

  it('answers a missing or wrong CSRF token with 403 before reading the file, and writes nothing', async () => {
    const without = upload('/upload', {}, {}, 100_000)
    const wrong = upload('/upload', { Cookie: cookie }, { _csrf: `${token.slice(0, -4)}AAAA` }, 100_000)
    expect(await without.status()).toBe(403)
    expect(await wrong.status()).toBe(403)
    expect(await filesOnDisk()).toEqual([])
  })

  it("lets the route's middleware turn a request away before its file is written", async () => {
    const half = upload('/private/upload', { Cookie: cookie }, { _csrf: token }, 100_000)
    expect(await half.status()).toBe(302)
    expect(half.answer).toMatch(/\r\nLocation: \/login\r\n/i)
    expect(await filesOnDisk()).toEqual([])
  })

  it('holds at most uploadsLimit bytes in temp files across requests, answering 503 beyond', async () => {
    const first = upload('/upload', { Cookie: cookie }, { _csrf: token }, 200_000)
    expect(await filesOnDisk()).toHaveLength(1)
    const second = upload('/upload', { Cookie: cookie }, { _csrf: token }, 200_000)
    expect(await second.status()).toBe(503)
    expect(second.answer).toMatch(/\r\nRetry-After: \d+\r\n/i)
    first.close()
    await sleep(200)
    expect(app.app.uploads.held).toBe(0)
    expect(await filesOnDisk()).toEqual([])

    // With the room given back, an upload that fits is received whole.
    const form = new FormData()
    form.append('_csrf', token)
    form.append('avatar', new Blob([Buffer.alloc(1000)]), 'small.bin')
    const answer = await app.newClient().post('/upload', form, { headers: { cookie } })
    expect(answer.json()).toEqual({ files: [1000] })
  })
})
