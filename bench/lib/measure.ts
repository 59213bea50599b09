/**
 * One server measured: started fresh with a setup (its routes, then its sessions seeded with
 * their size), verified, then each scenario warmed up and measured by the load generator in a
 * process of its own, with the CPU each party used. A run taken while other processes were busy
 * is taken again (BENCH_NOISE_RETRIES) and the quietest attempt is kept: chosen by the
 * machine's noise, never by its figures.
 */
import { fork, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cpuBetween, readCpu, waitForQuiet, type CpuReading } from './cpu'
import type { Options } from './options'
import type { FromLoad, Problems, ToLoad, UnitResult } from './protocol'
import { REDIS_PREFIX } from './redis'
import { NOISY_SHARE, type RssReadings } from './results'
import type { Setup } from './scaling'
import { kindsOf, type Unit } from './scenarios'
import { ServerProcess } from './server'
import { BENCH_DIR, type Stack } from './stacks'
import { TARGETS } from './targets'
import { verify } from './verify'

/** One measured run of one scenario, with the CPU each party used while it ran. */
export interface Attempt {
  result: UnitResult
  serverCpu: number | null
  redisCpu: number | null
  otherCpu: number | null
  /** Share of a core the rest of the machine used (0 when unknown). */
  othersShare: number
  waited: number
  rssAfterWarmup: number | null
  attempts: number
}

/** What one server did: the run kept for each scenario, its memory, or why it stopped. */
export interface Measured {
  units: Partial<Record<Unit, Attempt>>
  rss: RssReadings
  failure?: string
}

/** Starts the stack's server for this setup and measures each of the units on it. */
export async function measureSetup (stack: Stack, setup: Setup, units: Unit[], options: Options, redisPid: number | null, label = ''): Promise<Measured> {
  const measured: Measured = { units: {}, rss: { boot: null, warm: null, end: null, idle: null } }
  const sessionDirectory = fs.mkdtempSync(path.join(os.tmpdir(), `adonis-lite-bench-${stack.name}-`))
  let server: ServerProcess | null = null
  let load: ChildProcess | null = null
  try {
    server = await ServerProcess.start(stack, {
      appKey: crypto.randomBytes(32).toString('base64url'),
      redisUrl: options.redisUrl,
      redisPrefix: `${REDIS_PREFIX}${stack.name}:${setup.routes}:${setup.sessions}:${setup.bytes}:`,
      sessionDirectory,
      nodeFlags: options.nodeFlags,
      routes: setup.routes,
    })
    measured.rss.boot = server.rssMb()
    const problems = await verify(stack, server.baseUrl)
    if (problems.length > 0) {
      measured.failure = `It failed verification:\n    ${problems.join('\n    ')}`
      return measured
    }
    load = fork(path.join(BENCH_DIR, 'load.ts'), [], { execArgv: ['--require', require.resolve('tsx/cjs')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    if (units.some((unit) => unit !== 'S0')) {
      await ask(load, { type: 'seed', baseUrl: server.baseUrl, sessions: setup.sessions, bytes: setup.bytes, forms: units.includes('S34') })
    }
    for (const unit of units) {
      let kept: Attempt | null = null
      for (let attempt = 0; attempt <= options.noiseRetries; attempt++) {
        const taken = await measureUnit(load, server, unit, stack, options, redisPid)
        measured.rss.warm ??= taken.rssAfterWarmup
        const noisy = taken.othersShare > NOISY_SHARE
        say(progressLine(stack, label, taken, noisy && attempt < options.noiseRetries))
        if (kept !== null) {
          const [quieter, dropped]: Attempt[] = taken.othersShare < kept.othersShare ? [taken, kept] : [kept, taken]
          quieter!.result.measured = mergeProblems(quieter!.result.measured, dropped!.result.measured)
          taken.attempts = kept.attempts = attempt + 1
          kept = quieter!
        } else {
          kept = taken
        }
        if (!noisy || server.exit !== null) break
      }
      measured.units[unit] = kept!
      if (server.exit !== null) {
        measured.failure = `The server stopped (${server.exit}) during ${unit}:\n${server.output}`
        return measured
      }
    }
    measured.rss.end = server.rssMb()
    measured.rss.idle = await idleRss(server, measured.rss)
    return measured
  } catch (error) {
    measured.failure = error instanceof Error ? error.message : String(error)
    return measured
  } finally {
    load?.kill()
    await server?.stop()
    fs.rmSync(sessionDirectory, { recursive: true, force: true })
  }
}

async function measureUnit (load: ChildProcess, server: ServerProcess, unit: Unit, stack: Stack, options: Options, redisPid: number | null): Promise<Attempt> {
  const waited = await waitForQuiet(server.pid, redisPid, options.quietWait)
  let before: CpuReading | null = null
  let rssAfterWarmup: number | null = null
  const answer = await ask(load, {
    type: 'run',
    baseUrl: server.baseUrl,
    unit,
    connections: options.connections,
    warmup: options.warmup,
    duration: options.duration,
    perSessionCounter: stack.sessions,
  }, () => {
    before = readCpu(server.pid, redisPid)
    rssAfterWarmup = server.rssMb()
  })
  const after = readCpu(server.pid, redisPid)
  const result = (answer as Extract<FromLoad, { type: 'result' }>).result
  const used = before === null ? { server: null, redis: null, others: null } : cpuBetween(before, after, result.loadCpu * result.seconds)
  return {
    result,
    serverCpu: used.server,
    redisCpu: used.redis,
    otherCpu: used.others,
    othersShare: used.others === null ? 0 : used.others / result.seconds,
    waited,
    rssAfterWarmup,
    attempts: 1,
  }
}

function mergeProblems (kept: Problems, dropped: Problems): Problems {
  return {
    unexpected: kept.unexpected + dropped.unexpected,
    errors: kept.errors + dropped.errors,
    timeouts: kept.timeouts + dropped.timeouts,
    mismatches: kept.mismatches + dropped.mismatches,
    examples: [...kept.examples, ...dropped.examples].slice(0, 5),
  }
}

/** Sends a message to the load generator and waits for its answer. */
function ask (load: ChildProcess, message: ToLoad, onMeasuring?: () => void): Promise<FromLoad> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: FromLoad) => {
      if (answer.type === 'measuring') return onMeasuring?.()
      cleanup()
      if (answer.type === 'failed') reject(new Error(`The load generator failed: ${answer.message}`))
      else resolve(answer)
    }
    const onExit = (code: number | null) => {
      cleanup()
      reject(new Error(`The load generator exited (code ${code})`))
    }
    const cleanup = () => {
      load.off('message', onMessage)
      load.off('exit', onExit)
    }
    load.on('message', onMessage)
    load.on('exit', onExit)
    load.send(message)
  })
}

function progressLine (stack: Stack, label: string, attempt: Attempt, again: boolean): string {
  const { result } = attempt
  const share = (seconds: number | null, name: string) => seconds === null ? '' : `  ${name} ${Math.round(seconds / result.seconds * 100)}%`
  const figures = kindsOf(result.unit).map((kind) => {
    const figure = result.kinds[kind]!
    return `${kind} ${Math.round(figure.rps).toLocaleString('en-US').padStart(6)} req/s p99 ${figure.p99.toFixed(1).padStart(5)} ms`
  }).join('  ')
  const problems = result.measured.unexpected + result.measured.errors + result.measured.mismatches
  const cpu = share(attempt.serverCpu, 'CPU: server') + `  load ${Math.round(result.loadCpu * 100)}%` +
    (stack.storage === 'redis' ? share(attempt.redisCpu, 'redis') : '') + share(attempt.otherCpu, 'others')
  return `  ${(stack.name + (label ? ` ${label}` : '')).padEnd(label ? 32 : 15)} ${figures}${cpu}` +
    (attempt.waited >= 1 ? `  (waited ${Math.round(attempt.waited)} s for a quiet machine)` : '') +
    (again ? '  busy machine: once more' : '') +
    (problems > 0 ? `  PROBLEMS ${problems}: ${result.measured.examples.join('; ')}` : '')
}

function say (line: string): void {
  process.stdout.write(line + '\n')
}

/** RSS once idle, when the runs left it more than the target over its warm level (else null: not waited for). */
async function idleRss (server: ServerProcess, { warm, end }: RssReadings): Promise<number | null> {
  if (warm === null || end === null || end - warm <= TARGETS.rssGrowthMb) return null
  const deadline = Date.now() + TARGETS.rssIdleWaitMs
  let rss = end
  while (rss - warm > TARGETS.rssGrowthMb && Date.now() < deadline && server.exit === null) {
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    rss = server.rssMb() ?? rss
  }
  return rss
}
