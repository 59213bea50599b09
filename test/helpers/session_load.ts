/**
 * A steady load of session writes against the session_app fixture: each virtual user has a
 * session of its own and puts an ever-growing counter into it, one request after another, on
 * keep-alive connections. Every answer is recorded, so a test can say how many failed, with
 * what, how long the slowest took, and which acknowledged writes a store lost.
 */
import http from 'node:http'

export interface Outcome {
  user: number
  value: number
  /** An HTTP status, 'error' for a connection that failed, 'timeout' for no answer within the bound. */
  status: number | 'error' | 'timeout'
  startedAt: number
  ms: number
}

export interface LoadReport {
  outcomes: Outcome[]
  /** How many answers of each kind: { '200': 4100, '503': 12 }. */
  counts: Record<string, number>
  slowestMs: number
  /** From the first answer that was not a 200 to the last one, in ms (0 when all were 200). */
  outageMs: number
  /** Per user, the last counter value a 200 acknowledged. */
  acknowledged: number[]
}

const TIMEOUT_MS = 15_000

export class SessionLoad {
  readonly #urls: string[]
  readonly #cookies: string[] = []
  readonly #outcomes: Outcome[] = []
  readonly #agent = new http.Agent({ keepAlive: true })
  #running = false
  #loops: Array<Promise<void>> = []

  /** users spread over the urls in turn (user i talks to urls[i % urls.length]). */
  constructor (urls: string[], readonly users: number) {
    this.#urls = urls
  }

  /** Gives every user its session: counter 0, and origin `user-<n>`, which the load never changes. */
  async prepare (): Promise<void> {
    for (let user = 0; user < this.users; user++) {
      for (const [key, value] of [['counter', 0], ['origin', `"user-${user}"`]] as const) {
        const outcome = await this.#put(user, value, key)
        if (outcome.status !== 200) throw new Error(`user ${user} could not start its session: ${outcome.status}`)
      }
    }
  }

  /** Starts every user's loop of writes. */
  start (): void {
    this.#running = true
    this.#loops = Array.from({ length: this.users }, (_, user) => this.#loop(user))
  }

  /** How many answers so far. */
  get answered (): number {
    return this.#outcomes.length
  }

  /** Every answer so far, in the order they came. */
  get outcomes (): readonly Outcome[] {
    return this.#outcomes
  }

  /** The cookie header of a user's session, to read it afterwards. */
  cookie (user: number): string {
    return this.#cookies[user]!
  }

  async stop (): Promise<LoadReport> {
    this.#running = false
    await Promise.all(this.#loops)
    this.#agent.destroy()
    return report(this.#outcomes, this.users)
  }

  async #loop (user: number): Promise<void> {
    for (let value = 1; this.#running; value++) this.#outcomes.push(await this.#put(user, value))
  }

  #put (user: number, value: number | string, key = 'counter'): Promise<Outcome> {
    const startedAt = Date.now()
    const url = `${this.#urls[user % this.#urls.length]}/t/put?key=${key}&value=${encodeURIComponent(value)}`
    return new Promise((resolve) => {
      const done = (status: Outcome['status']) => resolve({ user, value: Number(value), status, startedAt, ms: Date.now() - startedAt })
      const request = http.get(url, { agent: this.#agent, headers: this.#cookies[user] ? { cookie: this.#cookies[user] } : {}, timeout: TIMEOUT_MS }, (response) => {
        const cookie = response.headers['set-cookie']?.find((line) => line.startsWith('adonis-session='))
        if (cookie) this.#cookies[user] = cookie.split(';')[0]!
        response.resume()
        response.on('end', () => done(response.statusCode!))
        response.on('error', () => done('error'))
      })
      request.on('timeout', () => { request.destroy(); done('timeout') })
      request.on('error', () => done('error'))
    })
  }
}

function report (outcomes: Outcome[], users: number): LoadReport {
  const counts: Record<string, number> = {}
  const acknowledged = new Array<number>(users).fill(0)
  let slowestMs = 0
  let firstBad = Infinity
  let lastBad = -Infinity
  for (const outcome of outcomes) {
    counts[outcome.status] = (counts[outcome.status] ?? 0) + 1
    slowestMs = Math.max(slowestMs, outcome.ms)
    if (outcome.status === 200) {
      acknowledged[outcome.user] = Math.max(acknowledged[outcome.user]!, outcome.value)
    } else {
      firstBad = Math.min(firstBad, outcome.startedAt)
      lastBad = Math.max(lastBad, outcome.startedAt + outcome.ms)
    }
  }
  return { outcomes, counts, slowestMs, outageMs: lastBad > firstBad ? lastBad - firstBad : 0, acknowledged }
}

/**
 * Reads a key of a user's session back through url: the value the store holds now. A 503 says
 * "try again shortly", and is tried again for up to 5 s: after a failover the sentinels (or
 * cluster nodes) learn the new master seconds apart, and a reconnect that asks one that has not
 * heard yet can be sent to the dead master once more (most likely what a CI run saw once:
 * ECONNREFUSED to the killed master after every user had been served by the new one). Any
 * other status, or a 503 that lasts, fails.
 */
export async function storedValue (url: string, cookie: string, key: string): Promise<unknown> {
  const deadline = Date.now() + 5000
  for (;;) {
    const response = await fetch(`${url}/t/get?key=${key}`, { headers: { cookie } })
    if (response.status === 200) return ((await response.json()) as { value: unknown }).value
    if (response.status !== 503 || Date.now() > deadline) throw new Error(`reading ${key} answered ${response.status}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface FailoverFigures {
  report: LoadReport
  /** From the kill until Redis had chosen a new master (the cluster or the sentinels say so). */
  promotedMs: number
  /** From the kill until every user had a write acknowledged again. */
  recoveredMs: number
}

/**
 * Runs the load, kills a master once it is busy, waits for Redis to choose a new one and for
 * every user to be served again, then stops the load. The users' sessions must have been
 * replicated before (prepare(), then a check of the replica) for the test to expect them back.
 */
export async function failoverUnderLoad (load: SessionLoad, kill: () => Promise<void>, promoted: () => Promise<boolean>): Promise<FailoverFigures> {
  load.start()
  try {
    await waitFor(() => load.answered >= 20 * load.users, 60_000, 'the load to get going')
    const killedAt = Date.now()
    await kill()
    await waitFor(promoted, 60_000, 'Redis to choose a new master')
    const promotedMs = Date.now() - killedAt
    const servedAgain = new Set<number>()
    const since = Date.now()
    let seen = 0
    await waitFor(() => {
      const outcomes = load.outcomes
      for (; seen < outcomes.length; seen++) {
        const outcome = outcomes[seen]!
        if (outcome.status === 200 && outcome.startedAt >= since) servedAgain.add(outcome.user)
      }
      return servedAgain.size === load.users
    }, 60_000, 'every user to be served again')
    const recoveredMs = Date.now() - killedAt
    return { report: await load.stop(), promotedMs, recoveredMs }
  } catch (error) {
    // Stop the load before failing, or its requests go on against a closed app.
    await load.stop()
    throw error
  }
}

async function waitFor (check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (!await check()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
