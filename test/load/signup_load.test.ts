/**
 * Load: 200 connections on loopback go through the demo app's sign-up round trip again and
 * again for LOAD_SECONDS (5 in `npm test`, 30 in `npm run test:load`), against the app in a
 * process of its own with the file driver. Every answer is checked (status, flashed email and
 * error, the account page); there must be no errors, and the server's memory after a full GC
 * must not grow by more than 50 MB.
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { TEST_KEY } from '../helpers/apps'

const SECONDS = Number(process.env.LOAD_SECONDS) || 5
const CONNECTIONS = 200
const WARM_UP_SECONDS = 2
const MAX_GROWTH = 50 * 1024 * 1024

type Memory = NodeJS.MemoryUsage
type Context = Record<string, any>
type Headers = Record<string, string | string[]>

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** The cookies a connection holds, updated from Set-Cookie headers as a browser would. */
function storeCookies (context: Context, headers: Headers): void {
  context.cookies ??= {}
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'set-cookie') continue
    for (const header of Array.isArray(value) ? value : [value]) {
      const [pair = ''] = header.split(';')
      const equals = pair.indexOf('=')
      const cookie = pair.slice(0, equals).trim()
      const cleared = /expires=thu, 01 jan 1970/i.test(header) || pair.slice(equals + 1) === ''
      if (cleared) delete context.cookies[cookie]
      else context.cookies[cookie] = pair.slice(equals + 1)
    }
  }
}

const cookieHeader = (context: Context) => Object.entries(context.cookies ?? {}).map(([name, value]) => `${name}=${value}`).join('; ')
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1]
const locationOf = (headers: Headers) => Object.entries(headers).find(([name]) => name.toLowerCase() === 'location')?.[1]

class Checks {
  count = 0
  statuses = new Map<number, number>()
  readonly samples: string[] = []

  /** Records a wrong answer (at most ten are kept to show). */
  fail (message: string): void {
    this.count++
    if (this.samples.length < 10) this.samples.push(message)
  }

  status (status: number, expected: number, step: string): boolean {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1)
    if (status === expected) return true
    this.fail(`${step}: status ${status}, expected ${expected}`)
    return false
  }
}

/** One request of a round trip; autocannon keeps a context per connection across them. */
interface Step {
  method?: 'GET' | 'POST'
  path?: string
  setupRequest?: (request: autocannon.Request, context: Context) => autocannon.Request
  onResponse?: (status: number, body: string, context: Context, headers: Headers) => void
}

/** The sign-up round trip, as autocannon requests with a context per connection. */
function roundTrip (url: string, checks: Checks): autocannon.Request[] {
  let sequence = 0
  const form = (context: Context, fields: Record<string, string>) => ({
    method: 'POST' as const,
    path: '/signup',
    headers: { cookie: cookieHeader(context), 'content-type': 'application/x-www-form-urlencoded', referer: `${url}/signup` },
    body: new URLSearchParams({ ...fields, _csrf: context.csrf }).toString(),
  })
  const steps: Step[] = [
    {
      method: 'GET',
      path: '/signup',
      setupRequest: (request, context) => {
        context.id = ++sequence
        context.cookies = {}
        return { ...request, headers: {} }
      },
      onResponse: (status, body, context, headers) => {
        if (checks.status(status, 200, 'first form')) storeCookies(context, headers)
        context.csrf = csrfOf(body)
      },
    },
    {
      setupRequest: (request, context) => ({ ...request, ...form(context, { email: `bad-${context.id}`, password: 'secret1' }) }),
      onResponse: (status, _body, context, headers) => {
        if (checks.status(status, 302, 'bad form') && !String(locationOf(headers)).endsWith('/signup')) checks.fail(`bad form: redirected to ${locationOf(headers)}`)
        storeCookies(context, headers)
      },
    },
    {
      method: 'GET',
      path: '/signup',
      setupRequest: (request, context) => ({ ...request, headers: { cookie: cookieHeader(context) } }),
      onResponse: (status, body, context, headers) => {
        if (!checks.status(status, 200, 'form with errors')) return
        if (!body.includes(`value="bad-${context.id}"`)) checks.fail(`form with errors: not its own email bad-${context.id}`)
        if (!body.includes('The email field must be a valid email address.')) checks.fail('form with errors: no error message')
        if ((body.match(/bad-\d+/g) ?? []).some((email) => email !== `bad-${context.id}`)) checks.fail('form with errors: another client\'s email')
        storeCookies(context, headers)
      },
    },
    {
      method: 'GET',
      path: '/signup',
      setupRequest: (request, context) => ({ ...request, headers: { cookie: cookieHeader(context) } }),
      onResponse: (status, body, context, headers) => {
        if (!checks.status(status, 200, 'form again')) return
        const leftover = /.{0,60}(?:bad-\d+|<li>).{0,60}/.exec(body)
        if (leftover) checks.fail(`form again (client ${context.id}): the flashed email or errors are still shown: ${leftover[0]}`)
        context.csrf = csrfOf(body)
        storeCookies(context, headers)
      },
    },
    {
      setupRequest: (request, context) => ({ ...request, ...form(context, { email: `user${context.id}@example.com`, password: 'secret1' }) }),
      onResponse: (status, _body, context, headers) => {
        if (checks.status(status, 302, 'good form') && !String(locationOf(headers)).endsWith('/account')) checks.fail(`good form: redirected to ${locationOf(headers)}`)
        storeCookies(context, headers)
      },
    },
    {
      method: 'GET',
      path: '/account',
      setupRequest: (request, context) => ({ ...request, headers: { cookie: cookieHeader(context) } }),
      onResponse: (status, body, context) => {
        if (checks.status(status, 200, 'account') && !body.includes(`Signed in as user${context.id}@example.com.`)) checks.fail(`account: not signed in as user${context.id}`)
      },
    },
  ]
  return answeredInOrder(steps, checks) as unknown as autocannon.Request[]
}

/**
 * Fails a round trip whose step goes out before the previous one was answered (autocannon
 * moves on when a connection drops): its checks would then read the wrong answer.
 */
function answeredInOrder (steps: Step[], checks: Checks): Step[] {
  return steps.map((step, index) => ({
    ...step,
    setupRequest: (request, context) => {
      if (context.awaiting !== undefined) checks.fail(`client ${context.id}: step ${index} went out before step ${context.awaiting} was answered`)
      context.awaiting = index
      return step.setupRequest ? step.setupRequest(request, context) : request
    },
    onResponse: (status, body, context, headers) => {
      context.awaiting = undefined
      step.onResponse?.(status, body, context, headers)
    },
  }))
}

describe('Load | the sign-up round trip with file sessions', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-load-'))
  let server: ChildProcess
  let url: string

  const ask = <T> (message: string, key: string): Promise<T> => new Promise((resolve) => {
    const listener = (reply: Record<string, unknown>) => {
      if (!(key in reply)) return
      server.off('message', listener)
      resolve(reply[key] as T)
    }
    server.on('message', listener)
    server.send(message)
  })

  beforeAll(async () => {
    server = fork(path.join(__dirname, 'load_server.js'), {
      execArgv: ['--expose-gc'],
      env: { ...process.env, APP_KEY: TEST_KEY, NODE_ENV: 'production', LOG_LEVEL: 'error', SESSION_DIRECTORY: directory },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (message: { port: number }) => resolve(message.port))
      server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)))
    })
    url = `http://127.0.0.1:${port}`
  })
  afterAll(async () => {
    if (server.exitCode === null) {
      await new Promise((resolve) => {
        server.once('exit', resolve)
        server.send('stop')
        setTimeout(() => server.kill('SIGKILL'), 5000).unref()
      })
    }
    fs.rmSync(directory, { recursive: true, force: true })
  })

  it(`holds ${CONNECTIONS} connections for ${SECONDS} s with no errors and no memory growth`, async () => {
    const idle = await ask<Memory>('memory', 'memory')
    const run = (seconds: number, checks: Checks) => autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 10, requests: roundTrip(url, checks) })

    await run(WARM_UP_SECONDS, new Checks())
    const before = await ask<Memory>('memory', 'memory')
    const checks = new Checks()
    const result = await run(SECONDS, checks)
    await new Promise((resolve) => setTimeout(resolve, 500)) // requests cut at the deadline finish
    const after = await ask<Memory>('memory', 'memory')

    const errors = result.errors + result.timeouts + checks.count + (checks.statuses.get(500) ?? 0)
    console.log([
      `load test: ${CONNECTIONS} connections for ${SECONDS} s: ${result.requests.total} requests (${Math.round(result.requests.average)}/s, ` +
        `${Math.round(result.requests.total / 6)} sign-up round trips), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
      `  errors ${errors} (socket ${result.errors}, timeouts ${result.timeouts}, wrong answers ${checks.count}); statuses ${[...checks.statuses].map(([status, n]) => `${status} x${n}`).join(', ')}`,
      `  server memory after a full GC: idle heap ${mb(idle.heapUsed)} rss ${mb(idle.rss)}; ` +
        `before heap ${mb(before.heapUsed)} rss ${mb(before.rss)}; after heap ${mb(after.heapUsed)} rss ${mb(after.rss)}`,
      ...checks.samples.map((sample) => `  ${sample}`),
    ].join('\n'))

    expect(result.requests.total).toBeGreaterThan(CONNECTIONS * 6)
    expect(checks.samples).toEqual([])
    expect(errors).toBe(0)
    expect(after.heapUsed - before.heapUsed).toBeLessThan(MAX_GROWTH)
    expect(after.rss - before.rss).toBeLessThan(MAX_GROWTH)
  }, (SECONDS + WARM_UP_SECONDS) * 1000 + 60_000)
})
