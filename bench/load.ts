/**
 * The load generator, a process of its own (forked by run.ts, one per stack and round) so that
 * it never shares a CPU's event loop with the server it measures.
 *
 * `seed` creates one session per connection through the stack's own routes (GET /seed puts
 * the cart and the counter in it, GET /signup gives its CSRF token). `run` warms up, then
 * measures one scenario with autocannon: connection i always carries session i's cookies,
 * keeps what Set-Cookie sends back (the cookie stores rewrite the session cookie), and checks
 * a few bytes of every answer so a stack cannot get fast by answering wrong.
 */
import autocannon from 'autocannon'
import { CookieJar, setCookieOf } from './lib/cookie_jar'
import type { FromLoad, KindResult, Problems, ToLoad, UnitResult } from './lib/protocol'
import { EMAIL_ERROR, KIND_INFO, SIGNUP_FORM, kindsOf, type Kind, type Unit } from './lib/scenarios'
import { Samples } from './lib/stats'

/** One connection's browser: its cookies, its form token, what it saw last. */
interface Browser {
  jar: CookieJar
  token: string
  lastCount: number | null
  lastKind: Kind
}

type RunMessage = Extract<ToLoad, { type: 'run' }>
type Request = NonNullable<autocannon.Options['requests']>[number]

let browsers: Browser[] = []

function send (message: FromLoad): void {
  process.send!(message)
}

process.on('message', (message: ToLoad) => {
  const work = message.type === 'seed' ? seed(message.baseUrl, message.sessions, message.forms).then(() => send({ type: 'seeded' })) : measure(message)
  work.catch((error: Error) => send({ type: 'failed', message: error.stack ?? String(error) }))
})
process.on('disconnect', () => process.exit(0))

async function seed (baseUrl: string, sessions: number, forms: boolean): Promise<void> {
  browsers = []
  for (let index = 0; index < sessions; index++) {
    const jar = new CookieJar()
    await fetchWith(jar, `${baseUrl}/seed`)
    const token = forms ? /name="_csrf" value="([^"]+)"/.exec(await fetchWith(jar, `${baseUrl}/signup`))?.[1] : ''
    if (token === undefined) throw new Error(`GET /signup of session ${index} has no _csrf field`)
    browsers.push({ jar, token, lastCount: null, lastKind: 'S0' })
  }
}

async function fetchWith (jar: CookieJar, url: string): Promise<string> {
  const cookie = jar.header()
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' })
  jar.store(response.headers.getSetCookie())
  const body = await response.text()
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status} while seeding sessions`)
  return body
}

async function measure (message: RunMessage): Promise<void> {
  const warmup = await fire(message, message.warmup)
  send({ type: 'measuring' })
  const cpuBefore = process.cpuUsage()
  const measured = await fire(message, message.duration)
  const cpu = process.cpuUsage(cpuBefore)
  const result: UnitResult = {
    unit: message.unit,
    seconds: measured.seconds,
    kinds: measured.kinds,
    measured: measured.problems,
    warmup: warmup.problems,
    loadCpu: (cpu.user + cpu.system) / 1e6 / measured.seconds,
  }
  send({ type: 'result', result })
}

interface Fired {
  seconds: number
  kinds: Partial<Record<Kind, KindResult>>
  problems: Problems
}

/** One autocannon run of `seconds`, with per-connection sessions and per-kind figures. */
function fire (message: RunMessage, seconds: number): Promise<Fired> {
  const { unit, baseUrl } = message
  const kinds = kindsOf(unit)
  const samples = new Map(kinds.map((kind) => [kind, new Samples()]))
  const statuses = new Map(kinds.map((kind) => [kind, {} as Record<string, number>]))
  const problems: Problems = { unexpected: 0, errors: 0, timeouts: 0, mismatches: 0, examples: [] }
  const note = (example: string) => { if (problems.examples.length < 5) problems.examples.push(example) }
  const browserOf = new WeakMap<object, Browser>()
  let nextBrowser = 0
  // A request cut off by the end of the previous run may still have counted on the server.
  for (const browser of browsers) browser.lastCount = null

  const mismatch = (kind: Kind, what: string) => {
    problems.mismatches++
    note(`${kind}: ${what}`)
  }
  const usesSessions = unit !== 'S0'
  if (usesSessions && browsers.length < message.connections) throw new Error(`only ${browsers.length} sessions were seeded for ${message.connections} connections`)

  const options: autocannon.Options = {
    url: baseUrl,
    connections: message.connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    requests: [{ method: 'GET', path: '/' }],
    setupClient: usesSessions
      ? (client) => {
          const browser = browsers[nextBrowser++ % browsers.length]!
          browserOf.set(client, browser)
          client.setRequests(requestsFor(unit, browser, baseUrl, message.perSessionCounter, mismatch))
        }
      : undefined,
  }

  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const instance = autocannon(options, (error) => {
      if (error) return reject(error)
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9
      const figures: Partial<Record<Kind, KindResult>> = {}
      for (const kind of kinds) {
        const kindSamples = samples.get(kind)!
        const kindStatuses = statuses.get(kind)!
        const [p50, p99] = kindSamples.percentiles([50, 99])
        const expected = String(KIND_INFO[kind].status)
        const unexpected = Object.entries(kindStatuses).reduce((sum, [status, count]) => status === expected ? sum : sum + count, 0)
        figures[kind] = { count: kindSamples.length, rps: kindSamples.length / elapsed, p50: p50!, p99: p99!, mean: kindSamples.mean(), statuses: kindStatuses, unexpected }
      }
      resolve({ seconds: elapsed, kinds: figures, problems })
    })
    instance.on('response', (client: object, status: number, _bytes: number, milliseconds: number) => {
      const kind = usesSessions ? browserOf.get(client)!.lastKind : unit as Kind
      samples.get(kind)!.push(milliseconds)
      const byStatus = statuses.get(kind)!
      byStatus[status] = (byStatus[status] ?? 0) + 1
      if (status !== KIND_INFO[kind].status) {
        problems.unexpected++
        note(`${kind}: status ${status}`)
      }
    })
    instance.on('reqError', (error: Error & { code?: string }) => {
      problems.errors++
      if (error.code === 'ETIMEDOUT' || /timed? ?out/i.test(error.message)) problems.timeouts++
      note(`socket: ${error.code ?? error.message}`)
    })
  })
}

/**
 * The requests of one connection: its cookies go out with each, Set-Cookie comes back into
 * its jar, and a cheap look at the body catches wrong answers.
 */
function requestsFor (unit: Unit, browser: Browser, baseUrl: string, perSessionCounter: boolean, mismatch: (kind: Kind, what: string) => void): Request[] {
  const withCookies = (request: any) => {
    const cookie = browser.jar.header()
    if (cookie) request.headers.cookie = cookie
    return request
  }
  const received = (kind: Kind, check: (status: number, body: string) => void) =>
    (status: number, body: string, _context: unknown, headers?: Record<string, string | string[] | undefined>) => {
      browser.jar.store(setCookieOf(headers))
      browser.lastKind = kind
      check(status, body)
    }

  switch (unit) {
    case 'S1':
      return [{
        method: 'GET',
        path: '/cart',
        setupRequest: withCookies,
        onResponse: received('S1', (status, body) => {
          if (status === 200 && !body.includes('Tamper')) mismatch('S1', 'the cart page lacks its items')
        }),
      }]
    case 'S2':
      return [{
        method: 'GET',
        path: '/count',
        setupRequest: withCookies,
        onResponse: received('S2', (status, body) => {
          if (status !== 200) return
          const count = Number(body)
          if (perSessionCounter && browser.lastCount !== null && count !== browser.lastCount + 1) {
            mismatch('S2', `counter went from ${browser.lastCount} to ${body.slice(0, 20)}`)
          }
          browser.lastCount = count
        }),
      }]
    case 'S34':
      return [
        {
          method: 'POST',
          path: '/signup',
          headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `${baseUrl}/signup` },
          body: `${SIGNUP_FORM}&_csrf=${encodeURIComponent(browser.token)}`,
          setupRequest: withCookies,
          onResponse: received('S3', () => {}),
        },
        {
          method: 'GET',
          path: '/signup',
          setupRequest: withCookies,
          onResponse: received('S4', (status, body) => {
            if (status !== 200) return
            if (!body.includes(EMAIL_ERROR)) mismatch('S4', 'the page lacks the flashed error')
            else if (!body.includes('value="bad"')) mismatch('S4', 'the page lacks the old email')
            else if (body.includes('secret')) mismatch('S4', 'the page shows the password')
          }),
        },
      ]
    default:
      throw new Error(`no session requests for ${unit}`)
  }
}
