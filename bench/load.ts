/**
 * The load generator, a process of its own (forked by run.ts, one per stack and round) so that
 * it never shares a CPU's event loop with the server it measures.
 *
 * `seed` creates the sessions through the stack's own routes (GET /seed puts the cart and the
 * counter in it, GET /signup gives its CSRF token). `run` warms up, then measures one scenario
 * with autocannon: each connection carries the cookies of its own sessions, in turn when it has
 * several, keeps what Set-Cookie sends back (the cookie stores rewrite the session cookie), and
 * checks a few bytes of every answer so a stack cannot get fast by answering wrong. With fewer
 * sessions than connections (one hot session), connections share them, and the checks that
 * only hold for a session of one's own (the counter counts up by one, S4 shows its own S3's
 * flash) are left out.
 */
import autocannon from 'autocannon'
import { CookieJar, setCookieOf } from './lib/cookie_jar'
import type { FromLoad, KindResult, Problems, ToLoad, UnitResult } from './lib/protocol'
import { EMAIL_ERROR, KIND_INFO, SIGNUP_FORM, kindsOf, type Kind, type Unit } from './lib/scenarios'
import { Samples } from './lib/stats'

/** One session's browser: its cookies, its form token, the count it saw last. */
interface Browser {
  jar: CookieJar
  token: string
  lastCount: number | null
}

/** One connection: the sessions it takes in turn, the one of the request in flight, the kind of that request. */
interface Connection {
  browsers: Browser[]
  turn: number
  current: Browser
  lastKind: Kind
  /** Whether no other connection uses its sessions. */
  own: boolean
}

/** Sessions created at once while seeding. */
const SEED_CONCURRENCY = 16

type RunMessage = Extract<ToLoad, { type: 'run' }>
type Request = NonNullable<autocannon.Options['requests']>[number]

let browsers: Browser[] = []

function send (message: FromLoad): void {
  process.send!(message)
}

process.on('message', (message: ToLoad) => {
  const work = message.type === 'seed' ? seed(message).then(() => send({ type: 'seeded' })) : measure(message)
  work.catch((error: Error) => send({ type: 'failed', message: error.stack ?? String(error) }))
})
process.on('disconnect', () => process.exit(0))

async function seed ({ baseUrl, sessions, bytes, forms }: Extract<ToLoad, { type: 'seed' }>): Promise<void> {
  const created: Browser[] = new Array(sessions)
  let next = 0
  const worker = async () => {
    for (let index = next++; index < sessions; index = next++) {
      const jar = new CookieJar()
      await fetchWith(jar, `${baseUrl}/seed${bytes > 0 ? `?bytes=${bytes}` : ''}`)
      const token = forms ? /name="_csrf" value="([^"]+)"/.exec(await fetchWith(jar, `${baseUrl}/signup`))?.[1] : ''
      if (token === undefined) throw new Error(`GET /signup of session ${index} has no _csrf field`)
      created[index] = { jar, token, lastCount: null }
    }
  }
  await Promise.all(Array.from({ length: Math.min(SEED_CONCURRENCY, sessions) }, worker))
  browsers = created
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
  const connectionOf = new WeakMap<object, Connection>()
  let nextConnection = 0
  // A request cut off by the end of the previous run may still have counted on the server.
  for (const browser of browsers) browser.lastCount = null

  const mismatch = (kind: Kind, what: string) => {
    problems.mismatches++
    note(`${kind}: ${what}`)
  }
  const usesSessions = unit !== 'S0'
  if (usesSessions && browsers.length === 0) throw new Error('no sessions were seeded')

  const options: autocannon.Options = {
    url: baseUrl,
    connections: message.connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    requests: [{ method: 'GET', path: '/' }],
    setupClient: usesSessions
      ? (client) => {
          const connection = connectionFor(nextConnection++, message.connections)
          connectionOf.set(client, connection)
          client.setRequests(requestsFor(unit, connection, baseUrl, message.perSessionCounter && connection.own, mismatch))
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
      const kind = usesSessions ? connectionOf.get(client)!.lastKind : unit as Kind
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

/** Connection `index` of `connections`: sessions index, index + connections, ... or, with fewer sessions than connections, one it shares. */
function connectionFor (index: number, connections: number): Connection {
  const mine = browsers.length >= connections
    ? browsers.filter((_, session) => session % connections === index % connections)
    : [browsers[index % browsers.length]!]
  return { browsers: mine, turn: 0, current: mine[0]!, lastKind: 'S0', own: browsers.length >= connections }
}

/**
 * The requests of one connection: the cookies of its session go out with each (the next
 * session at each turn), Set-Cookie comes back into that session's jar, and a cheap look at
 * the body catches wrong answers.
 */
function requestsFor (unit: Unit, connection: Connection, baseUrl: string, perSessionCounter: boolean, mismatch: (kind: Kind, what: string) => void): Request[] {
  const withCookies = (request: any) => {
    const cookie = connection.current.jar.header()
    if (cookie) request.headers.cookie = cookie
    return request
  }
  /** Takes the connection's next session, then sends its cookies. */
  const nextSession = (request: any) => {
    connection.current = connection.browsers[connection.turn++ % connection.browsers.length]!
    return withCookies(request)
  }
  const received = (kind: Kind, check: (status: number, body: string, browser: Browser) => void) =>
    (status: number, body: string, _context: unknown, headers?: Record<string, string | string[] | undefined>) => {
      connection.current.jar.store(setCookieOf(headers))
      connection.lastKind = kind
      check(status, body, connection.current)
    }

  switch (unit) {
    case 'S1':
      return [{
        method: 'GET',
        path: '/cart',
        setupRequest: nextSession,
        onResponse: received('S1', (status, body) => {
          if (status === 200 && !body.includes('Tamper')) mismatch('S1', 'the cart page lacks its items')
        }),
      }]
    case 'S2':
      return [{
        method: 'GET',
        path: '/count',
        setupRequest: nextSession,
        onResponse: received('S2', (status, body, browser) => {
          if (status !== 200) return
          const count = Number(body)
          if (perSessionCounter && browser.lastCount !== null && count !== browser.lastCount + 1) {
            mismatch('S2', `counter went from ${browser.lastCount} to ${body.slice(0, 20)}`)
          } else if (!(count > 0)) {
            mismatch('S2', `the counter is ${body.slice(0, 20)}`)
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
          body: `${SIGNUP_FORM}&_csrf=`,
          setupRequest: (request: any) => {
            nextSession(request)
            request.body = `${SIGNUP_FORM}&_csrf=${encodeURIComponent(connection.current.token)}`
            return request
          },
          onResponse: received('S3', () => {}),
        },
        {
          method: 'GET',
          path: '/signup',
          setupRequest: withCookies,
          onResponse: received('S4', (status, body) => {
            if (status !== 200) return
            if (body.includes('secret')) return mismatch('S4', 'the page shows the password')
            // A shared session's flash may have been shown to another connection first.
            if (!connection.own) return
            if (!body.includes(EMAIL_ERROR)) mismatch('S4', 'the page lacks the flashed error')
            else if (!body.includes('value="bad"')) mismatch('S4', 'the page lacks the old email')
          }),
        },
      ]
    default:
      throw new Error(`no session requests for ${unit}`)
  }
}
