/**
 * `npm run bench`: every stack, every scenario, in one run. For each round, each stack in
 * turn: start its server, verify its answers, create one session per connection, then warm
 * up and measure each scenario with the load generator (load.ts) in its own process. Round 2
 * repeats round 1 in the same order. The report goes to stdout and to a Markdown file.
 * Settings: see lib/options.ts (BENCH_STACKS, BENCH_SCENARIOS, BENCH_DURATION, ...).
 */
import { fork, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readOptions, type Options } from './lib/options'
import type { FromLoad, Problems, ToLoad, UnitResult } from './lib/protocol'
import { buildReport } from './lib/report'
import { NOISY_SHARE, type StackRound } from './lib/results'
import { kindsOf, type Unit } from './lib/scenarios'
import { cpuBetween, readCpu, waitForQuiet, type CpuReading } from './lib/cpu'
import { describeMachine } from './lib/machine'
import { REDIS_PREFIX, connectRedis, localRedisPid, sweepRedis } from './lib/redis'
import { ServerProcess } from './lib/server'
import { BENCH_DIR, ROOT_DIR, type Stack } from './lib/stacks'
import { verify } from './lib/verify'


async function main (): Promise<number> {
  const options = readOptions()
  const meta = describeMachine(options)
  say(`adonis-lite benchmark: ${options.stacks.map((stack) => stack.name).join(', ')}`)
  say(`scenarios ${options.kinds.join(', ')}; ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario, ` +
    `${options.rounds} round(s); about ${Math.ceil(estimateSeconds(options) / 60)} min on ${meta.cores} cores (${meta.cpu})`)

  const redis = options.stacks.some((stack) => stack.storage === 'redis') ? await connectRedis(options.redisUrl) : null
  const redisPid = await localRedisPid(redis)
  const rounds: StackRound[] = []
  const failed = new Set<string>()
  for (let round = 1; round <= options.rounds; round++) {
    say(`\nround ${round} of ${options.rounds}`)
    for (const stack of options.stacks) {
      if (failed.has(stack.name)) continue
      if (stack.storage === 'redis' && !redis) {
        rounds.push(emptyRound(stack, round, `Redis is not reachable at ${options.redisUrl}`))
        failed.add(stack.name)
        say(`  ${stack.name}: skipped, Redis is not reachable at ${options.redisUrl}`)
        continue
      }
      const result = await runStack(stack, round, options, redisPid)
      rounds.push(result)
      if (result.failure) {
        failed.add(stack.name)
        say(`  ${stack.name}: NOT MEASURED. ${result.failure}`)
      }
    }
  }
  await sweepRedis(redis)
  await redis?.quit()

  const report = buildReport(meta, options.stacks, rounds)
  say('\n' + report)
  fs.mkdirSync(path.dirname(options.output), { recursive: true })
  // The hand-written account of what made adonis-lite fast follows the measured tables.
  const history = path.join(BENCH_DIR, 'HISTORY.md')
  fs.writeFileSync(options.output, fs.existsSync(history) ? `${report}\n${fs.readFileSync(history, 'utf8')}` : report)
  const json = path.join(BENCH_DIR, 'results', `${meta.date.replace(/[: ]/g, '-')}.json`)
  fs.mkdirSync(path.dirname(json), { recursive: true })
  fs.writeFileSync(json, JSON.stringify({ meta, rounds }, null, 2))
  say(`\nwrote ${path.relative(ROOT_DIR, options.output)} and ${path.relative(ROOT_DIR, json)}`)
  return failed.size > 0 ? 1 : 0
}

/** One stack in one round: a fresh server, verified, then every scenario it serves. */
async function runStack (stack: Stack, round: number, options: Options, redisPid: number | null): Promise<StackRound> {
  const result = emptyRound(stack, round)
  const sessionDirectory = fs.mkdtempSync(path.join(os.tmpdir(), `adonis-lite-bench-${stack.name}-`))
  let server: ServerProcess | null = null
  let load: ChildProcess | null = null
  try {
    server = await ServerProcess.start(stack, {
      appKey: crypto.randomBytes(32).toString('base64url'),
      redisUrl: options.redisUrl,
      redisPrefix: `${REDIS_PREFIX}${stack.name}:`,
      sessionDirectory,
      nodeFlags: options.nodeFlags,
    })
    result.rss.boot = server.rssMb()
    const problems = await verify(stack, server.baseUrl)
    if (problems.length > 0) {
      result.failure = `It failed verification:\n    ${problems.join('\n    ')}`
      return result
    }
    const units = options.units.filter((unit) => stack.units.includes(unit))
    load = fork(path.join(BENCH_DIR, 'load.ts'), [], { execArgv: ['--require', require.resolve('tsx/cjs')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    if (units.some((unit) => unit !== 'S0')) await ask(load, { type: 'seed', baseUrl: server.baseUrl, sessions: options.connections, forms: units.includes('S34') })
    for (const unit of units) {
      // A run during which other processes were busy is taken again (BENCH_NOISE_RETRIES), and
      // the quietest attempt is kept: chosen by the machine's noise, never by its figures.
      let kept: Attempt | null = null
      for (let attempt = 0; attempt <= options.noiseRetries; attempt++) {
        const taken = await measureUnit(load, server, unit, stack, options, redisPid)
        result.rss.warm ??= taken.rssAfterWarmup
        const noisy = taken.othersShare > NOISY_SHARE
        say(progressLine(stack, taken, noisy && attempt < options.noiseRetries))
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
      result.units[unit] = kept!.result
      result.attempts[unit] = kept!.attempts
      if (kept!.serverCpu !== null) result.serverCpu[unit] = kept!.serverCpu
      if (kept!.redisCpu !== null && stack.storage === 'redis') result.redisCpu[unit] = kept!.redisCpu
      if (kept!.otherCpu !== null) result.otherCpu[unit] = kept!.otherCpu
      if (server.exit !== null) {
        result.failure = `The server stopped (${server.exit}) during ${unit}:\n${server.output}`
        return result
      }
    }
    result.rss.end = server.rssMb()
    return result
  } catch (error) {
    result.failure = error instanceof Error ? error.message : String(error)
    return result
  } finally {
    load?.kill()
    await server?.stop()
    fs.rmSync(sessionDirectory, { recursive: true, force: true })
  }
}

/** One measured run of one scenario, with the CPU each party used while it ran. */
interface Attempt {
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

function emptyRound (stack: Stack, round: number, failure?: string): StackRound {
  return { stack: stack.name, round, units: {}, attempts: {}, serverCpu: {}, redisCpu: {}, otherCpu: {}, rss: { boot: null, warm: null, end: null }, ...(failure ? { failure } : {}) }
}

function progressLine (stack: Stack, attempt: Attempt, again: boolean): string {
  const { result } = attempt
  const share = (seconds: number | null, name: string) => seconds === null ? '' : `  ${name} ${Math.round(seconds / result.seconds * 100)}%`
  const figures = kindsOf(result.unit).map((kind) => {
    const figure = result.kinds[kind]!
    return `${kind} ${Math.round(figure.rps).toLocaleString('en-US').padStart(6)} req/s p99 ${figure.p99.toFixed(1).padStart(5)} ms`
  }).join('  ')
  const problems = result.measured.unexpected + result.measured.errors + result.measured.mismatches
  const cpu = share(attempt.serverCpu, 'CPU: server') + `  load ${Math.round(result.loadCpu * 100)}%` +
    (stack.storage === 'redis' ? share(attempt.redisCpu, 'redis') : '') + share(attempt.otherCpu, 'others')
  return `  ${stack.name.padEnd(15)} ${figures}${cpu}` +
    (attempt.waited >= 1 ? `  (waited ${Math.round(attempt.waited)} s for a quiet machine)` : '') +
    (again ? '  busy machine: once more' : '') +
    (problems > 0 ? `  PROBLEMS ${problems}: ${result.measured.examples.join('; ')}` : '')
}

function estimateSeconds (options: Options): number {
  const runs = options.stacks.reduce((sum, stack) => sum + options.units.filter((unit) => stack.units.includes(unit)).length, 0)
  return options.rounds * (runs * (options.warmup + options.duration + 3) + options.stacks.length * 4)
}

function say (line: string): void {
  process.stdout.write(line + '\n')
}

main().then((code) => { process.exitCode = code }, (error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
