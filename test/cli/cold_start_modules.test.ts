/**
 * What a cold start loads: the demo app, served as in production, answers its pages without
 * requiring the large modules only some requests need (bench/startup.ts measures the time they
 * would cost; docs/deployment.md lists them). Each is required on first use, which the second
 * test sees happen, so the check can tell loaded from not loaded.
 */
import fs from 'node:fs'
import path from 'node:path'
import { freePort } from '../helpers/ports'
import { BIN, FRAMEWORK_ROOT, Running, cliEnv, sleep, tempDir, waitForHttp } from './cli_helpers'

/** Required on first use: body parsers, multipart, static files, compression (off in the demo), the stores not chosen, the Validator's engines, the logger, the dev server's .env parser. */
const ON_FIRST_USE = ['co-body', 'qs', 'busboy', 'koa-send', 'koa-compress', 'ioredis', 'yup', 're2js', 'pino', 'dotenv']

let server: Running
let baseUrl: string
let report: string

beforeAll(async () => {
  const port = await freePort()
  report = path.join(tempDir('adonis-lite-modules-'), 'loaded.txt')
  server = new Running(process.execPath, ['--require', path.join(FRAMEWORK_ROOT, 'test', 'fixtures', 'loaded_modules', 'report.js'), BIN, 'serve', '--port', String(port)], {
    cwd: FRAMEWORK_ROOT,
    env: cliEnv({ NODE_ENV: 'production', APP_KEY: 'a-test-key-of-at-least-thirty-two-chars', SESSION_DRIVER: 'cookie', LOADED_MODULES_FILE: report }),
  })
  baseUrl = `http://127.0.0.1:${port}`
  await waitForHttp(`${baseUrl}/`, (answer) => answer.status === 200)
}, 30_000)

afterAll(async () => {
  await server.stop()
  fs.rmSync(path.dirname(report), { recursive: true, force: true })
})

/** The packages the server has loaded by now. */
async function loadedPackages (): Promise<string[]> {
  fs.rmSync(report, { force: true })
  process.kill(server.child.pid!, 'SIGUSR2')
  for (let waited = 0; !fs.existsSync(report); waited += 20) {
    if (waited > 5000) throw new Error(`the server wrote no ${report}; its output:\n${server.output}`)
    await sleep(20)
  }
  return fs.readFileSync(report, 'utf8').split('\n')
}

it('serves its pages without loading what only some requests need', async () => {
  for (const page of ['/', '/signup']) await waitForHttp(`${baseUrl}${page}`, (answer) => answer.status === 200)
  const loaded = await loadedPackages()
  expect(loaded).toEqual(expect.arrayContaining(['koa', 'nunjucks']))
  expect(ON_FIRST_USE.filter((name) => loaded.includes(name))).toEqual([])
})

it('loads a body parser once a request has a body', async () => {
  const answer = await fetch(`${baseUrl}/signup`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.co' })
  expect(answer.status).toBe(403)
  expect(await loadedPackages()).toContain('co-body')
})
