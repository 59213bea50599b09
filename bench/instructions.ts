/**
 * `npm run bench:instructions`: CPU instructions per request of a bench stack, counted by
 * valgrind's callgrind. A count does not move with what else the machine is doing, so two
 * commits, or adonis-lite and a peer, can be compared on a busy machine, where requests/s
 * cannot (the spread left comes from when V8 compiles and collects garbage: a few per cent
 * between runs). It counts the server's own instructions, not the kernel's work on its socket.
 *
 * The server (in production, as `npm run bench` starts it) runs under callgrind with counting
 * off; after a warm-up long enough for V8 to have compiled the hot code, counting is switched on
 * for BENCH_REQUESTS requests of the scenario, then off. esbuild (a Go binary, which valgrind
 * cannot run) is left out: TypeScript is compiled before counting starts.
 *
 * A run gives the same count again (to 1%) when nothing else runs under valgrind at the same
 * time; two callgrind runs side by side change each other's counts by up to half (timers and
 * garbage collection see a different pace), so take them one after the other.
 *
 * Settings:
 *   BENCH_STACK     a stack of bench/lib/stacks.ts (adonis-cookie)
 *   BENCH_SCENARIO  S0, S1, S2 or S34 (S1); S34 counts one POST /signup + GET /signup pair as one
 *   BENCH_SESSIONS  distinct sessions, taken in turn (1): past the cookie driver's cache
 *   BENCH_CONNECTIONS  requests in flight at once, each connection with its session(s) (1)
 *   BENCH_BYTES     padding put in each session, in bytes (0): how cost grows with its size
 *   BENCH_WARMUP    requests (or S34 pairs) before counting (10000)
 *   BENCH_REQUESTS  requests (or S34 pairs) counted (3000)
 *   BENCH_RUNS      runs, each on a fresh server (1)
 *   BENCH_REPO      the checkout to measure (this one), to compare two commits
 *   BENCH_KEEP      a folder to keep callgrind's files in, for callgrind_annotate (none)
 * Needs valgrind (Debian package `valgrind`).
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../test/helpers/ports'
import { CookieJar } from './lib/cookie_jar'
import { SIGNUP_FORM, UNITS, type Unit } from './lib/scenarios'
import { ALL_STACKS } from './lib/stacks'

const REPO = path.resolve(process.env.BENCH_REPO ?? path.join(__dirname, '..'))
const ROOT = path.join(__dirname, '..')
const STACK_NAME = process.env.BENCH_STACK ?? 'adonis-cookie'
const SCENARIO = (process.env.BENCH_SCENARIO ?? 'S1').toUpperCase() as Unit
const CONNECTIONS = count('BENCH_CONNECTIONS', 1)
const SESSIONS = Math.max(count('BENCH_SESSIONS', 1), CONNECTIONS)
const REQUESTS = count('BENCH_REQUESTS', 3000)
const BYTES = count('BENCH_BYTES', 0, 0)
const RUNS = count('BENCH_RUNS', 1)
// Until V8 has compiled what the requests run: after 300 requests, compiling was most of a count.
const WARMUP_REQUESTS = count('BENCH_WARMUP', 10000, 0)
/** callgrind_control finds the server by a file name holding HOST: both must see the same. */
const HOST = '127.0.0.1'

/** A whole-number setting; a typo stops the run before a server starts, naming the variable. */
function count (name: string, fallback: number, least = 1): number {
  const given = process.env[name]
  if (given === undefined || given === '') return fallback
  const value = Number(given)
  if (!Number.isInteger(value) || value < least) {
    console.error(`${name} must be a whole number of at least ${least}, not '${given}'`)
    process.exit(1)
  }
  return value
}

const PATHS: Record<Unit, string> = { S0: '/', S1: '/cart', S2: '/count', S34: '/signup' }

/** One request; the answer's cookies go into the jar. Resolves with the body. */
function send (port: number, method: string, urlPath: string, jar: CookieJar | null, body = ''): Promise<string> {
  const headers: http.OutgoingHttpHeaders = {}
  const cookie = jar?.header()
  if (cookie) headers.cookie = cookie
  if (method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers.referer = `http://${HOST}:${port}/signup`
  }
  return new Promise((resolve, reject) => {
    const request = http.request({ host: HOST, port, method, path: urlPath, headers }, (response) => {
      jar?.store(response.headers['set-cookie'])
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { text += chunk })
      response.on('end', () => resolve(text))
    })
    request.on('error', reject)
    request.end(body)
  })
}

/** A client of the scenario: its cookies and, for S34, the CSRF token of its form. */
interface Client { jar: CookieJar, token: string }

async function newClient (port: number): Promise<Client> {
  const jar = new CookieJar()
  await send(port, 'GET', BYTES > 0 ? `/seed?bytes=${BYTES}` : '/seed', jar)
  const page = SCENARIO === 'S34' ? await send(port, 'GET', '/signup', jar) : ''
  return { jar, token: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' }
}

/** What one counted request does: S0 without cookies; S34 posts the failing form, then loads the page. */
async function exercise (port: number, client: Client): Promise<void> {
  if (SCENARIO === 'S0') {
    await send(port, 'GET', '/', null)
  } else if (SCENARIO === 'S34') {
    await send(port, 'POST', '/signup', client.jar, `${SIGNUP_FORM}&_csrf=${encodeURIComponent(client.token)}`)
    await send(port, 'GET', '/signup', client.jar)
  } else {
    await send(port, 'GET', PATHS[SCENARIO], client.jar)
  }
}

/** `count` requests over CONNECTIONS connections, connection c taking clients c, c + CONNECTIONS... in turn. */
async function load (port: number, clients: Client[], count: number): Promise<void> {
  let sent = 0
  await Promise.all(Array.from({ length: CONNECTIONS }, async (_, connection) => {
    for (let turn = 0; sent < count; turn++) {
      sent++
      await exercise(port, clients[(connection + turn * CONNECTIONS) % clients.length]!)
    }
  }))
}

async function untilUp (port: number): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      await send(port, 'GET', '/seed', null)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  throw new Error('the server under callgrind did not answer within 2 minutes')
}

function counting (on: boolean): void {
  execFileSync('callgrind_control', ['-i', on ? 'on' : 'off'], { stdio: 'ignore', env: { ...process.env, HOST } })
}

/** Instructions of one run, divided by the requests counted. */
async function run (stack: (typeof ALL_STACKS)[number]): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-instructions-'))
  const port = await freePort()
  // The stack's command, moved into BENCH_REPO.
  const inRepo = (file: string) => file.startsWith(ROOT) ? path.join(REPO, path.relative(ROOT, file)) : file
  const server = spawn('valgrind', [
    '--tool=callgrind', '--instr-atstart=no', '--trace-children=yes', '--trace-children-skip=*esbuild*',
    `--callgrind-out-file=${dir}/callgrind.%p`, process.execPath, ...stack.command.args.map((arg) => inRepo(arg.replace('{port}', String(port)))),
  ], {
    cwd: inRepo(stack.command.cwd),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_KEY: 'instructions-benchmark-key-0123456789abcdef',
      HOST,
      PORT: String(port),
      SESSION_DIRECTORY: path.join(dir, 'sessions'),
      REDIS_PREFIX: `bench:instructions:${process.pid}:`,
      ...stack.command.env,
    },
    stdio: 'ignore',
  })
  try {
    await untilUp(port)
    const clients: Client[] = []
    for (let i = 0; i < SESSIONS; i++) clients.push(await newClient(port))
    await load(port, clients, WARMUP_REQUESTS)
    counting(true)
    await load(port, clients, REQUESTS)
    counting(false)
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
  }
  let total = 0
  for (const file of fs.readdirSync(dir).filter((name) => name.startsWith('callgrind.'))) {
    total += Number(/^totals: (\d+)/m.exec(fs.readFileSync(path.join(dir, file), 'utf8'))?.[1] ?? 0)
  }
  if (process.env.BENCH_KEEP) fs.cpSync(dir, path.resolve(process.env.BENCH_KEEP), { recursive: true })
  fs.rmSync(dir, { recursive: true, force: true })
  return total / REQUESTS
}

async function main (): Promise<void> {
  const stack = ALL_STACKS.find((candidate) => candidate.name === STACK_NAME)
  if (!stack) throw new Error(`BENCH_STACK: no stack '${STACK_NAME}'; the stacks are ${ALL_STACKS.map((candidate) => candidate.name).join(', ')}`)
  if (!UNITS.includes(SCENARIO)) throw new Error(`BENCH_SCENARIO: no scenario '${SCENARIO}'; the scenarios are ${UNITS.join(', ')}`)
  if (!stack.units.includes(SCENARIO)) throw new Error(`BENCH_SCENARIO: ${stack.name} does not serve ${SCENARIO}`)
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' })
  } catch {
    throw new Error('bench:instructions needs valgrind (Debian: apt-get install valgrind)')
  }
  const counts: number[] = []
  for (let i = 0; i < RUNS; i++) counts.push(await run(stack))
  const sorted = [...counts].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  const format = (value: number) => `${(value / 1e6).toFixed(3)}M`
  const what = SCENARIO === 'S34' ? 'per POST+GET /signup pair' : `per GET ${PATHS[SCENARIO]}`
  console.log(`${path.basename(REPO)} ${stack.name} ${SCENARIO}, ${SESSIONS} session${SESSIONS === 1 ? '' : 's'}, ${CONNECTIONS} connection${CONNECTIONS === 1 ? '' : 's'}${BYTES > 0 ? `, ${BYTES} bytes of padding` : ''}: instructions ${what} ` +
    `${counts.map(format).join(', ')}; median ${format(median)}`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
