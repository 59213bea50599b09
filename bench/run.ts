/**
 * `npm run bench`: every stack, every scenario, in one run. For each round, each stack in
 * turn: start its server, verify its answers, create one session per connection, then warm
 * up and measure each scenario with the load generator (load.ts) in its own process; then the
 * scaling cases, in their order. A shared host speeds up and slows down by a third within
 * minutes, so what is compared runs close together: the stacks are listed with their peers,
 * every main-table stack runs before any scaling case (a stack's scaling cases took longer
 * than all the main table), and the cases of one point of a dimension follow each other. Even
 * rounds take both lists in reverse order, so the rounds of every stack are centred on the same
 * moment and a drift favours no stack. The report goes to stdout and to a Markdown file.
 * Settings: see lib/options.ts (BENCH_STACKS, BENCH_SCENARIOS, BENCH_DURATION, ...).
 */
import fs from 'node:fs'
import path from 'node:path'
import { describeMachine } from './lib/machine'
import { measureSetup, type Attempt } from './lib/measure'
import { readOptions, type Options } from './lib/options'
import { writeReport } from './lib/report_file'
import type { StackRound } from './lib/results'
import { SCALING_CASES, describeValue, setupOf, type ScalingCase, type ScalingRun } from './lib/scaling'
import type { Unit } from './lib/scenarios'
import { connectRedis, localRedisPid, sweepRedis } from './lib/redis'
import { BENCH_DIR, ROOT_DIR, inRunOrder, type Stack } from './lib/stacks'

async function main (): Promise<number> {
  const options = readOptions()
  const meta = describeMachine(options)
  say(`adonis-lite benchmark: ${options.stacks.map((stack) => stack.name).join(', ')}`)
  say(`scenarios ${options.kinds.join(', ')}; ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario, ` +
    `${options.rounds} round(s); about ${Math.ceil(estimateSeconds(options) / 60)} min on ${meta.cores} cores (${meta.cpu})`)

  const redis = options.stacks.some((stack) => stack.storage === 'redis') ? await connectRedis(options.redisUrl) : null
  const redisPid = await localRedisPid(redis)
  const rounds: StackRound[] = []
  const scaling: ScalingRun[] = []
  const failed = new Set<string>()
  const inTurn = <T>(items: T[], round: number): T[] => round % 2 === 0 ? [...items].reverse() : items
  for (let round = 1; round <= options.rounds; round++) {
    say(`\nround ${round} of ${options.rounds}`)
    for (const stack of inTurn(inRunOrder(options.stacks), round)) {
      if (failed.has(stack.name)) continue
      if (stack.storage === 'redis' && !redis) {
        rounds.push(emptyRound(stack, round, `Redis is not reachable at ${options.redisUrl}`))
        failed.add(stack.name)
        say(`  ${stack.name}: skipped, Redis is not reachable at ${options.redisUrl}`)
        continue
      }
      if (!options.units.some((unit) => stack.units.includes(unit))) continue
      const result = await runStack(stack, round, options, redisPid)
      rounds.push(result)
      if (result.failure) {
        failed.add(stack.name)
        say(`  ${stack.name}: NOT MEASURED. ${result.failure}`)
      }
    }
    for (const scalingCase of inTurn(scalingCasesOf(options), round)) {
      const stack = options.stacks.find((candidate) => candidate.name === scalingCase.stack)!
      if (!failed.has(stack.name)) scaling.push(...await runScaling(stack, scalingCase, round, options, redisPid))
    }
  }
  await sweepRedis(redis)
  await redis?.quit()

  say('\n' + writeReport(options.output, meta, options.stacks, rounds, scaling))
  const json = path.join(BENCH_DIR, 'results', `${meta.date.replace(/[: ]/g, '-')}.json`)
  fs.mkdirSync(path.dirname(json), { recursive: true })
  fs.writeFileSync(json, JSON.stringify({ meta, rounds, scaling }, null, 2))
  say(`\nwrote ${path.relative(ROOT_DIR, options.output)} and ${path.relative(ROOT_DIR, json)}`)
  return failed.size > 0 ? 1 : 0
}

/** One stack in one round, as the main tables show it: the app as it is, one session per connection. */
async function runStack (stack: Stack, round: number, options: Options, redisPid: number | null): Promise<StackRound> {
  const result = emptyRound(stack, round)
  const units = options.units.filter((unit) => stack.units.includes(unit))
  const measured = await measureSetup(stack, { routes: 0, sessions: options.connections, bytes: 0 }, units, options, redisPid)
  result.rss = measured.rss
  if (measured.failure) result.failure = measured.failure
  for (const [unit, kept] of Object.entries(measured.units) as Array<[Unit, Attempt]>) {
    result.units[unit] = kept.result
    result.attempts[unit] = kept.attempts
    if (kept.serverCpu !== null) result.serverCpu[unit] = kept.serverCpu
    if (kept.redisCpu !== null && stack.storage === 'redis') result.redisCpu[unit] = kept.redisCpu
    if (kept.otherCpu !== null) result.otherCpu[unit] = kept.otherCpu
  }
  return result
}

/** The scaling cases of the stacks and dimensions asked for, in SCALING_CASES' order. */
function scalingCasesOf (options: Options): ScalingCase[] {
  const names = new Set(options.stacks.map((stack) => stack.name))
  return SCALING_CASES.filter((scalingCase) => names.has(scalingCase.stack) && options.scaling.includes(scalingCase.dimension))
}

/** One scaling case in one round: a fresh server and fresh sessions. */
async function runScaling (stack: Stack, scalingCase: ScalingCase, round: number, options: Options, redisPid: number | null): Promise<ScalingRun[]> {
  const { dimension, value } = scalingCase
  const measured = await measureSetup(stack, setupOf(scalingCase, options.connections), scalingCase.units, options, redisPid, describeValue(dimension, value))
  if (measured.failure) say(`  ${stack.name} ${describeValue(dimension, value)}: NOT MEASURED. ${measured.failure}`)
  return (Object.entries(measured.units) as Array<[Unit, Attempt]>).map(([unit, kept]) =>
    ({ stack: stack.name, round, dimension, value, unit, result: kept.result, serverCpu: kept.serverCpu, otherCpu: kept.otherCpu }))
}

function emptyRound (stack: Stack, round: number, failure?: string): StackRound {
  return { stack: stack.name, round, units: {}, attempts: {}, serverCpu: {}, redisCpu: {}, otherCpu: {}, rss: { boot: null, warm: null, end: null, idle: null }, ...(failure ? { failure } : {}) }
}

function estimateSeconds (options: Options): number {
  const names = options.stacks.map((stack) => stack.name)
  const cases = SCALING_CASES.filter((scalingCase) => names.includes(scalingCase.stack) && options.scaling.includes(scalingCase.dimension))
  const runs = options.stacks.reduce((sum, stack) => sum + options.units.filter((unit) => stack.units.includes(unit)).length, 0) +
    cases.reduce((sum, scalingCase) => sum + scalingCase.units.length, 0)
  // Seeding 10,000 sessions takes a few seconds more.
  const servers = options.stacks.length + cases.length
  return options.rounds * (runs * (options.warmup + options.duration + 3) + servers * 5)
}

function say (line: string): void {
  process.stdout.write(line + '\n')
}

main().then((code) => { process.exitCode = code }, (error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
