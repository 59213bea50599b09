/**
 * `npm run bench:instructions`: CPU instructions per request of the adonis-lite bench app,
 * counted by valgrind's callgrind. A count does not move with what else the machine is doing,
 * so two commits can be compared on a busy machine, where requests/s cannot (the spread left
 * comes from when V8 compiles and collects garbage: a few per cent between runs).
 *
 * The server (`adonis-lite serve`, production, the stack of bench/stacks/adonis-lite) runs under
 * callgrind with counting off; after a warm-up, counting is switched on for BENCH_REQUESTS
 * sequential requests with one session, then off. esbuild (a Go binary, which valgrind cannot
 * run) is left out: the app's TypeScript is compiled before counting starts.
 *
 * Settings: BENCH_REPO (a checkout to measure, default this one), BENCH_DRIVER (cookie), BENCH_PATH
 * (/cart), BENCH_REQUESTS (1000), BENCH_RUNS (3). Needs valgrind (Debian package `valgrind`).
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../test/helpers/ports'

const REPO = path.resolve(process.env.BENCH_REPO ?? path.join(__dirname, '..'))
const DRIVER = process.env.BENCH_DRIVER ?? 'cookie'
const URL_PATH = process.env.BENCH_PATH ?? '/cart'
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const WARMUP_REQUESTS = 300
/** callgrind_control finds the server by a file name holding HOST: both must see the same. */
const HOST = '127.0.0.1'

function get (port: number, urlPath: string, cookie = ''): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get({ host: HOST, port, path: urlPath, headers: cookie ? { cookie } : {} }, (response) => {
      response.resume()
      response.on('end', () => resolve(response))
    }).on('error', reject)
  })
}

async function untilUp (port: number): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      await get(port, '/seed')
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
async function run (): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-instructions-'))
  const port = await freePort()
  const server = spawn('valgrind', [
    '--tool=callgrind', '--instr-atstart=no', '--trace-children=yes', '--trace-children-skip=*esbuild*',
    `--callgrind-out-file=${dir}/callgrind.%p`, process.execPath, path.join(REPO, 'bin', 'adonis-lite'), 'serve', '--port', String(port),
  ], {
    cwd: path.join(REPO, 'bench', 'stacks', 'adonis-lite'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_KEY: 'instructions-benchmark-key-0123456789abcdef',
      HOST,
      PORT: String(port),
      SESSION_DRIVER: DRIVER,
      SESSION_DIRECTORY: path.join(dir, 'sessions'),
      REDIS_PREFIX: `bench:instructions:${process.pid}:`,
    },
    stdio: 'ignore',
  })
  try {
    await untilUp(port)
    const seeded = await get(port, '/seed')
    const cookie = ([] as string[]).concat(seeded.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ')
    for (let i = 0; i < WARMUP_REQUESTS; i++) await get(port, URL_PATH, cookie)
    counting(true)
    for (let i = 0; i < REQUESTS; i++) await get(port, URL_PATH, cookie)
    counting(false)
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
  }
  let total = 0
  for (const file of fs.readdirSync(dir).filter((name) => name.startsWith('callgrind.'))) {
    total += Number(/^totals: (\d+)/m.exec(fs.readFileSync(path.join(dir, file), 'utf8'))?.[1] ?? 0)
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return total / REQUESTS
}

async function main (): Promise<void> {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' })
  } catch {
    throw new Error('bench:instructions needs valgrind (Debian: apt-get install valgrind)')
  }
  const counts: number[] = []
  for (let i = 0; i < RUNS; i++) counts.push(await run())
  const sorted = [...counts].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  const format = (value: number) => `${(value / 1e6).toFixed(3)}M`
  console.log(`${REPO} ${DRIVER} GET ${URL_PATH}: instructions per request ${counts.map(format).join(', ')}; median ${format(median)}`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
