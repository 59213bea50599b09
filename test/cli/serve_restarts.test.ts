/**
 * Stopping and restarting `adonis-lite serve` under load, with real processes, real Redis and
 * real HTTP: a stop lets requests in flight finish and commit their sessions (for at most the
 * drain time), SIGHUP replaces the workers of `--workers N` one at a time without a failed
 * request, and a worker killed with SIGKILL costs only its own requests, never a hanging one.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import autocannon from 'autocannon'
import { Redis } from 'ioredis'
import { fixture, TEST_KEY } from '../helpers/apps'
import { freePort } from '../helpers/ports'
import { BIN, cliEnv, FRAMEWORK_ROOT, get, removeDir, Running, tempDir, waitForHttp } from './cli_helpers'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const PREFIX = `test:restarts:${randomBytes(6).toString('hex')}:`
const admin = new Redis(REDIS_URL)
const servers: Running[] = []

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop(1000)))
  const keys = await admin.keys(`${PREFIX}*`)
  if (keys.length > 0) await admin.del(...keys)
  await admin.quit()
})

async function serve (args: string[], env: Record<string, string> = {}, cwd = fixture('session_app')): Promise<{ server: Running, url: string }> {
  const port = await freePort()
  const server = new Running(process.execPath, [BIN, 'serve', '--port', String(port), ...args], {
    cwd,
    env: cliEnv({ APP_KEY: TEST_KEY, SESSION_DRIVER: 'redis', REDIS_URL, REDIS_PREFIX: PREFIX, NODE_ENV: 'production', ...env }),
  })
  servers.push(server)
  const url = `http://127.0.0.1:${port}`
  await server.waitForOutput(/serving/, 0, 60_000)
  await waitForHttp(`${url}/plain`, (answer) => answer.status === 200, 30_000)
  return { server, url }
}

/** A session cookie for the load: every request of it writes the session. */
async function sessionCookie (url: string): Promise<string> {
  const response = await fetch(`${url}/t/put?key=visits&value=0`)
  return response.headers.getSetCookie().find((line) => line.startsWith('adonis-session='))!.split(';')[0]!
}

/** A request that takes `ms` before it writes `slow` into the session; resolves with its status (0: cut off). */
function slowPut (url: string, cookie: string, ms: number, value: string): { sent: Promise<void>, answer: Promise<number> } {
  let sent!: () => void
  const sentPromise = new Promise<void>((resolve) => { sent = resolve })
  const answer = new Promise<number>((resolve) => {
    const request = http.get(`${url}/t/slow-put?wait=${ms}&key=slow&value=${value}`, { agent: false, headers: { cookie } }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode!))
      response.on('error', () => resolve(0))
    })
    request.on('socket', (socket) => socket.once('connect', () => setImmediate(sent)))
    request.on('error', () => resolve(0))
  })
  return { sent: sentPromise, answer }
}

/** Resolves once the server has handled what was sent before: a later request on a new connection is answered. */
async function handled (url: string): Promise<void> {
  await waitForHttp(`${url}/plain`, (answer) => answer.status === 200, 30_000)
}

async function storedSlowValues (): Promise<string[]> {
  const keys = await admin.keys(`${PREFIX}*`)
  const values = await Promise.all(keys.map((key) => admin.hget(key, 'slow')))
  return values.filter((value): value is string => value !== null)
}

describe('CLI | serve: stopping and restarting', () => {
  it('lets a 5 s request finish and commit its session on SIGTERM, and logs the shutdown', async () => {
    const { server, url } = await serve([])
    const cookie = await sessionCookie(url)
    const slow = slowPut(url, cookie, 5000, 'after-sigterm')
    await slow.sent
    await handled(url)
    const from = server.output.length
    server.child.kill('SIGTERM')
    expect(await slow.answer).toBe(200)
    expect(await server.exited).toBe(0)
    expect(server.output.slice(from)).toMatch(/server stopping: 1 requests in flight[\s\S]*server stopped in \d+ ms: 1 requests finished/)
    expect(await storedSlowValues()).toContain('"after-sigterm"')
  }, 60_000)

  it('cuts off what is still running when the drain time is up, and says so', async () => {
    const { server, url } = await serve([], { DRAIN_TIMEOUT: '500' })
    const cookie = await sessionCookie(url)
    const slow = slowPut(url, cookie, 20_000, 'never')
    await slow.sent
    await handled(url)
    server.child.kill('SIGTERM')
    expect(await slow.answer).toBe(0)
    expect(await server.exited).toBe(0)
    expect(server.output).toMatch(/1 cut off by the drain time \(http\.drainTimeout in config\/app\.ts\)/)
  }, 60_000)

  it('replaces every worker on SIGHUP, one at a time, with no failed request under steady load', async () => {
    const { server, url } = await serve(['--workers', '2'])
    const cookie = await sessionCookie(url)
    const pidsBefore = await workerPids(url)
    const slow = slowPut(url, cookie, 3000, 'across-restart')
    await slow.sent
    const load = steadyLoad(`${url}/t/put?key=visits&value=1`, cookie, 30)
    await load.started
    const from = server.output.length
    server.child.kill('SIGHUP')
    await server.waitForOutput(/replaced 2 workers in (\d+) ms/, from, 120_000)
    const result = await load.stop()
    const log = server.output.slice(from)
    console.log(`rolling restart of 2 workers under load: ${result.requests.total} requests, ${result.errors} errors, ` +
      `${result.timeouts} timeouts, ${result.non2xx} non-2xx, p99 ${result.latency.p99} ms; ${/replaced 2 workers in \d+ ms/.exec(log)![0]}`)
    expect(result.requests.total).toBeGreaterThan(0)
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 })
    expect(await slow.answer).toBe(200)
    expect(await storedSlowValues()).toContain('"across-restart"')
    expect(log.match(/worker \d+ stopped in \d+ ms/g)).toHaveLength(2)
    const pidsAfter = await workerPids(url)
    for (const pid of pidsAfter) expect(pidsBefore).not.toContain(pid)
  }, 180_000)

  it('keeps the running workers serving when a new one cannot boot during a restart', async () => {
    const root = tempDir()
    fs.cpSync(fixture('session_app'), root, { recursive: true })
    fs.mkdirSync(path.join(root, 'node_modules'))
    fs.symlinkSync(FRAMEWORK_ROOT, path.join(root, 'node_modules', 'adonis-lite'), 'dir')
    try {
      const { server, url } = await serve(['--workers', '2'], {}, root)
      const pidsBefore = await workerPids(url)
      fs.appendFileSync(path.join(root, 'start', 'routes.ts'), '\nRoute.get(\n')
      const from = server.output.length
      server.child.kill('SIGHUP')
      await server.waitForOutput(/a new worker could not start: the 2 workers still running keep serving/, from, 60_000)
      expect(server.output.slice(from)).toMatch(/start\/routes\.ts/)
      expect((await get(`${url}/plain`)).status).toBe(200)
      expect((await workerPids(url)).sort()).toEqual(pidsBefore.sort())
      expect(server.child.exitCode).toBeNull()
    } finally {
      removeDir(root)
    }
  }, 120_000)

  it('loses only the requests of a worker killed with SIGKILL under load, leaves none hanging, and replaces it', async () => {
    const { server, url } = await serve(['--workers', '2'])
    const cookie = await sessionCookie(url)
    const [victim] = await workerPids(url)
    const load = steadyLoad(`${url}/t/put?key=visits&value=1`, cookie, 10)
    await load.started
    const from = server.output.length
    process.kill(victim!, 'SIGKILL')
    await server.waitForOutput(/was stopped by SIGKILL: starting another/, from, 60_000)
    await waitForTwoWorkers(url, victim!)
    const result = await load.stop()
    console.log(`worker killed with SIGKILL under load: ${result.requests.total} requests, ${result.errors} errors, ` +
      `${result.timeouts} timeouts, ${result.non2xx} non-2xx, slowest ${result.latency.max} ms`)
    expect(result.timeouts).toBe(0)
    expect(result.non2xx).toBe(0)
    expect(result.errors).toBeLessThan(50)
  }, 180_000)
})

/** autocannon on 8 connections until stop(); `started` resolves with the first answer. */
function steadyLoad (url: string, cookie: string, timeoutSeconds: number): { started: Promise<void>, stop (): Promise<autocannon.Result> } {
  let finished!: (result: autocannon.Result) => void
  const done = new Promise<autocannon.Result>((resolve) => { finished = resolve })
  const instance = autocannon({ url, connections: 8, duration: 300, timeout: timeoutSeconds, headers: { cookie } }, (error, result) => {
    if (error) throw error
    finished(result)
  })
  return {
    started: new Promise((resolve) => instance.once('response', () => resolve())),
    stop: () => {
      instance.stop()
      return done
    },
  }
}

/** The pids of the workers that answer, over fresh connections (each may reach either worker). */
async function workerPids (url: string): Promise<number[]> {
  const pids = new Set<number>()
  for (let attempt = 0; attempt < 100 && pids.size < 2; attempt++) {
    const answer = await get(`${url}/t/pid`)
    pids.add(JSON.parse(answer.text).pid)
  }
  return [...pids]
}

/** Resolves once two workers answer again, none of them the killed one. */
async function waitForTwoWorkers (url: string, killed: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const pids = await workerPids(url)
    if (pids.length === 2 && !pids.includes(killed)) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the killed worker was not replaced')
}
