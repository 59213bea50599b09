/**
 * The real server process (bin/adonis-lite serve, production mode, the demo app) survives the
 * bad requests the fuzz tests found or could find, each sent without a session or a token:
 * every one is answered below 500 (or refused by Node's HTTP parser), the process is still
 * running afterwards, and it serves the sign-up page.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import zlib from 'node:zlib'
import { TEST_KEY } from '../helpers/apps'
import { rawRequest, type RawRequest } from '../fuzz/raw_http'
import { freePort } from '../helpers/ports'

const REPOSITORY = path.join(__dirname, '..', '..')

const form = (body: string | Buffer, type = 'application/x-www-form-urlencoded'): RawRequest =>
  ({ method: 'POST', path: '/signup', headers: [['Content-Type', type]], body: Buffer.isBuffer(body) ? body : Buffer.from(body) })
const multipart = (body: string) => form(body, 'multipart/form-data; boundary=B')

const BAD_REQUESTS: Array<[string, RawRequest]> = [
  ['a multipart body cut short inside a file', multipart('--B\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc')],
  ['a multipart file field named __proto__', multipart('--B\r\nContent-Disposition: form-data; name="__proto__"; filename="a.png"\r\n\r\nabc\r\n--B--\r\n')],
  ['a multipart file field named constructor, cut short', multipart('--B\r\nContent-Disposition: form-data; name="constructor"; filename="a.png"\r\n\r\nab')],
  ['a multipart file with an empty name', multipart('--B\r\nContent-Disposition: form-data; name="avatar"; filename=""\r\n\r\ncontent\r\n--B--\r\n')],
  ['a multipart field with an empty name', multipart('--B\r\nContent-Disposition: form-data; name=""\r\n\r\nvalue\r\n--B--\r\n')],
  ['a multipart body without its boundary', form('--B\r\n\r\n', 'multipart/form-data')],
  ['JSON with a number out of range', form('{"email": 1e999}', 'application/json')],
  ['JSON nested 50,000 levels deep', form(`{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, 'application/json')],
  ['JSON whose toString is a string', form('{"email": {"toString": ""}}', 'application/json')],
  ['gzip that is not gzip', { ...form('not gzip', 'application/json'), headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']] }],
  ['a gzip bomb', { ...form(zlib.gzipSync(Buffer.alloc(20_000_000, 32)), 'application/json'), headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']] }],
  ['a form over the limit', form(`email=${'x'.repeat(1_100_000)}`)],
  ['a form nested past its depth', form(`${'a'.repeat(1)}${'[b]'.repeat(50)}=1&__proto__[x]=1&constructor[prototype][y]=1`)],
  ['a Cookie header of 12 kB', { method: 'GET', path: '/signup', headers: [['Cookie', `adonis-session=${'A'.repeat(12_000)}`]] }],
  ['a Cookie header of 40 kB', { method: 'GET', path: '/signup', headers: [['Cookie', `adonis-session=${'A'.repeat(40_000)}`]] }],
  ['a Cookie header with invalid UTF-8 and controls', { method: 'GET', path: '/signup', headers: [['Cookie', Buffer.from([0x61, 0x3d, 0xff, 0xfe, 0x3b, 0x20, 0x62, 0x3d, 0x01])]] }],
  ['a path with encoded traversal', { method: 'GET', path: '/%2e%2e/%2e%2e/etc/passwd', headers: [] }],
  ['a Referer pointing off-site through //', { method: 'GET', path: '/cart', headers: [['Referer', '//evil.example/']] }],
]

describe('Security | the server process survives bad requests', () => {
  let child: ChildProcess
  let port: number
  let output = ''

  beforeAll(async () => {
    port = await freePort()
    const env: NodeJS.ProcessEnv = { ...process.env, APP_KEY: TEST_KEY, SESSION_DRIVER: 'cookie', NODE_ENV: 'production', LOG_LEVEL: 'error', NO_COLOR: '1' }
    delete env.JEST_WORKER_ID
    child = spawn(process.execPath, [path.join(REPOSITORY, 'bin', 'adonis-lite'), 'serve', '--port', String(port)], { cwd: REPOSITORY, env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout!.on('data', (chunk) => { output += chunk })
    child.stderr!.on('data', (chunk) => { output += chunk })
    const deadline = Date.now() + 20_000
    while (!/serving http/.test(output)) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${output}`)
      if (Date.now() > deadline) throw new Error(`the server did not start: ${output}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }, 30_000)

  afterAll(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    await new Promise((resolve) => {
      child.once('exit', resolve)
      child.kill('SIGTERM')
    })
  })

  it.each(BAD_REQUESTS)('answers %s below 500 and keeps running', async (_name, request) => {
    const answer = await rawRequest(port, request)
    expect(answer.status).toBeGreaterThanOrEqual(200)
    expect(answer.status).toBeLessThan(500)
    await new Promise((resolve) => setTimeout(resolve, 50)) // a crash would come right after
    expect({ exitCode: child.exitCode, output: child.exitCode === null ? '' : output }).toEqual({ exitCode: null, output: '' })
  })

  it('serves the sign-up page after all of them', async () => {
    const answer = await rawRequest(port, { method: 'GET', path: '/signup', headers: [] })
    expect(answer.status).toBe(200)
    expect(answer.body.toString()).toContain('Create an account')
    expect(child.exitCode).toBeNull()
  })
})
