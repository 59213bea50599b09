/**
 * `npm run bench:startup` (and the first part of `npm run bench`): how fast a server is ready.
 * The demo app, built with `adonis-lite build` and started as `npm start` does (node
 * build/server.js), beside the smallest Koa 3 and Express 5 apps (bench/startup/*.js), all
 * with plain Node and in the same run, taking turns. For each start: the time from spawning
 * the process to the first 200 of GET / (the demo renders its welcome view), and the process's
 * RSS right after it. Settings: BENCH_STARTUP_RUNS (starts per stack, default 15).
 */
import { execFileSync, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { freePort } from '../test/helpers/ports'
import { percentile } from './lib/stats'

const BENCH_DIR = __dirname
const ROOT_DIR = path.resolve(BENCH_DIR, '..')
const RESULTS_DIR = path.join(BENCH_DIR, 'results')
const DEMO_BUILD = path.join(RESULTS_DIR, 'startup', 'demo')
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15)
/** The targets: the built demo app within these of minimal Koa's figures. */
const TIME_RATIO_TARGET = 1.5
const RSS_MARGIN_TARGET_MB = 20

interface StartupStack {
  name: string
  entry: string
}

interface Start {
  ms: number
  rssMb: number
}

const STACKS: StartupStack[] = [
  { name: 'adonis-lite, built demo app', entry: path.join(DEMO_BUILD, 'server.js') },
  { name: 'Koa 3, minimal', entry: path.join(BENCH_DIR, 'startup', 'koa.js') },
  { name: 'Express 5, minimal', entry: path.join(BENCH_DIR, 'startup', 'express.js') },
]

/**
 * Builds the demo app (this repository's root) with the real CLI. Its package.json is the
 * framework's own, named adonis-lite: left in the build, `require('adonis-lite')` there would
 * resolve to the build itself, so it goes, and the checkout's package serves the build.
 */
function buildDemo (): void {
  execFileSync(process.execPath, [path.join(ROOT_DIR, 'bin', 'adonis-lite'), 'build', '--out', DEMO_BUILD], { cwd: ROOT_DIR, stdio: ['ignore', 'ignore', 'inherit'] })
  for (const file of ['package.json', 'package-lock.json']) fs.rmSync(path.join(DEMO_BUILD, file), { force: true })
}

/** One cold start: spawn, poll GET / until it answers 200, read the RSS, kill. */
async function measure (stack: StartupStack): Promise<Start> {
  const port = await freePort()
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', APP_KEY: crypto.randomBytes(32).toString('base64url'), SESSION_DRIVER: 'cookie' }
  const started = performance.now()
  const child = spawn(process.execPath, [stack.entry], { cwd: path.dirname(stack.entry), env, stdio: ['ignore', 'ignore', 'pipe'] })
  let errors = ''
  child.stderr!.on('data', (chunk) => { errors += chunk })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    const deadline = started + 15_000
    while ((await status(port)) !== 200) {
      if (child.exitCode !== null) throw new Error(`${stack.name} exited with code ${child.exitCode}: ${errors}`)
      if (performance.now() > deadline) throw new Error(`${stack.name} gave no 200 within 15 s: ${errors}`)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const ms = performance.now() - started
    const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
    return { ms, rssMb: Number(rss?.[1]) / 1024 }
  } finally {
    child.kill('SIGKILL')
    await exited
  }
}

/** The status of GET / on a fresh connection, 0 when nothing listens yet. */
function status (port: number): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    request.on('error', () => resolve(0))
  })
}

function report (starts: Map<StartupStack, Start[]>): string {
  const figures = STACKS.map((stack) => {
    const list = starts.get(stack)!
    return { stack, ms: percentile(list.map((start) => start.ms), 50), rssMb: percentile(list.map((start) => start.rssMb), 50), list }
  })
  const koa = figures[1]!
  const demo = figures[0]!
  // Starts taken one after the other share the machine's load at that moment: the median of
  // their ratios is steadier than the ratio of the medians on a busy machine.
  const paired = percentile(demo.list.map((start, index) => start.ms / koa.list[index]!.ms), 50)
  const lines = [
    `## Cold start: process start to first 200, and RSS (median of ${RUNS} starts each, taking turns)`,
    '',
    '| server | first 200 | (min-max) | RSS after it | vs minimal Koa |',
    '|---|---:|---:|---:|---:|',
    ...figures.map(({ stack, ms, rssMb, list }) => {
      const times = list.map((start) => start.ms)
      return `| ${stack.name} | ${Math.round(ms)} ms | ${Math.round(Math.min(...times))}-${Math.round(Math.max(...times))} ms | ${rssMb.toFixed(1)} MB | ` +
        `${(ms / koa.ms).toFixed(2)}x, ${rssMb - koa.rssMb >= 0 ? '+' : ''}${(rssMb - koa.rssMb).toFixed(1)} MB |`
    }),
    '',
    `Paired: the median of the built demo app's time over minimal Koa's, start by start: ${paired.toFixed(2)}x.`,
    '',
    `Targets for the built demo app: within ${TIME_RATIO_TARGET}x of minimal Koa's time (${(demo.ms / koa.ms).toFixed(2)}x of the medians, ` +
      `${paired.toFixed(2)}x paired: ${Math.max(paired, demo.ms / koa.ms) <= TIME_RATIO_TARGET ? 'met' : paired <= TIME_RATIO_TARGET || demo.ms / koa.ms <= TIME_RATIO_TARGET ? 'met by one measure of two' : 'MISSED'}) and within ${RSS_MARGIN_TARGET_MB} MB of its RSS ` +
      `(${(demo.rssMb - koa.rssMb).toFixed(1)} MB: ${demo.rssMb - koa.rssMb <= RSS_MARGIN_TARGET_MB ? 'met' : 'MISSED'}).`,
  ]
  return lines.join('\n')
}

async function main (): Promise<void> {
  process.stdout.write(`cold start: building the demo app, then ${RUNS} starts of each of ${STACKS.length} servers, taking turns\n`)
  buildDemo()
  const starts = new Map<StartupStack, Start[]>(STACKS.map((stack) => [stack, []]))
  for (let run = 0; run < RUNS; run++) {
    for (const stack of STACKS) starts.get(stack)!.push(await measure(stack))
  }
  const text = report(starts)
  process.stdout.write(`\n${text}\n`)
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `startup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  fs.writeFileSync(file, JSON.stringify(Object.fromEntries([...starts].map(([stack, list]) => [stack.name, list])), null, 2))
  process.stdout.write(`\nwrote ${path.relative(ROOT_DIR, file)}\n`)
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`)
  process.exitCode = 1
})
