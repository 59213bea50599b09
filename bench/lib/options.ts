/**
 * The run's settings, from the environment:
 *   BENCH_STACKS       comma list of stack names, or 'all' (default: every stack but adonis-memory)
 *   BENCH_SCENARIOS    comma list of S0 S1 S2 S3 S4 (S3 and S4 are measured together), or 'none'
 *   BENCH_SCALING      comma list of routes, sessions, size, or 'all' or 'none' (default: all without
 *                      BENCH_STACKS and BENCH_SCENARIOS, else none)
 *   BENCH_DURATION     measured seconds per scenario (10)
 *   BENCH_WARMUP       warm-up seconds before each measured run (2)
 *   BENCH_ROUNDS       interleaved rounds (2)
 *   BENCH_CONNECTIONS  connections, and sessions (50)
 *   BENCH_NODE_FLAGS   extra node flags for every server, e.g. '--cpu-prof' (none)
 *   BENCH_REDIS_URL    Redis for the redis stacks (redis://127.0.0.1:6379)
 *   BENCH_QUIET_WAIT   seconds to wait, at most, before each run for the rest of the machine to go quiet (15; 0: never)
 *   BENCH_NOISE_RETRIES  times to take a run again when other processes were busy during it (1)
 *   BENCH_OUTPUT       where to write the Markdown report (docs/benchmarks.md for a full run, else bench/results/last-run.md)
 */
import path from 'node:path'
import { DIMENSIONS, type Dimension } from './scaling'
import { KINDS, unitOf, type Kind, type Unit } from './scenarios'
import { ALL_STACKS, BENCH_DIR, DEFAULT_STACKS, ROOT_DIR, type Stack } from './stacks'

export interface Options {
  stacks: Stack[]
  kinds: Kind[]
  units: Unit[]
  /** The scaling dimensions to measure. */
  scaling: Dimension[]
  duration: number
  warmup: number
  rounds: number
  connections: number
  nodeFlags: string[]
  redisUrl: string
  quietWait: number
  noiseRetries: number
  /** Whether this is the full default run that docs/benchmarks.md records. */
  full: boolean
  output: string
}

export function readOptions (env: NodeJS.ProcessEnv = process.env): Options {
  const stackNames = list(env.BENCH_STACKS) ?? DEFAULT_STACKS
  const stacks = (stackNames.includes('all') ? ALL_STACKS.map((stack) => stack.name) : stackNames).map((name) => {
    const stack = ALL_STACKS.find((candidate) => candidate.name === name)
    if (!stack) throw new Error(`BENCH_STACKS: no stack '${name}'; the stacks are ${ALL_STACKS.map((candidate) => candidate.name).join(', ')} (or 'all')`)
    return stack
  })
  const kinds = (env.BENCH_SCENARIOS === 'none' ? [] : list(env.BENCH_SCENARIOS)?.map((name) => name.toUpperCase()) ?? KINDS).flatMap((name): Kind[] => {
    if (name === 'S34' || name === 'S3+S4') return ['S3', 'S4']
    if (!(KINDS as string[]).includes(name)) throw new Error(`BENCH_SCENARIOS: no scenario '${name}'; the scenarios are ${KINDS.join(', ')}`)
    // S3 and S4 are one measured sequence.
    return name === 'S3' || name === 'S4' ? ['S3', 'S4'] : [name as Kind]
  })
  const uniqueKinds = KINDS.filter((kind) => kinds.includes(kind))
  const options: Options = {
    stacks: [...new Set(stacks)],
    kinds: uniqueKinds,
    units: [...new Set(uniqueKinds.map(unitOf))],
    scaling: scalingOf(env),
    duration: number(env, 'BENCH_DURATION', 10),
    warmup: number(env, 'BENCH_WARMUP', 2),
    rounds: number(env, 'BENCH_ROUNDS', 2, true),
    connections: number(env, 'BENCH_CONNECTIONS', 50, true),
    nodeFlags: env.BENCH_NODE_FLAGS ? env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean) : [],
    redisUrl: env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    quietWait: env.BENCH_QUIET_WAIT === '0' ? 0 : number(env, 'BENCH_QUIET_WAIT', 15),
    noiseRetries: env.BENCH_NOISE_RETRIES === '0' ? 0 : number(env, 'BENCH_NOISE_RETRIES', 1, true),
    full: false,
    output: '',
  }
  options.full = !env.BENCH_STACKS && !env.BENCH_SCENARIOS && options.scaling.length === 3 && options.duration >= 10 && options.rounds >= 2 && options.connections === 50 && options.nodeFlags.length === 0
  options.output = env.BENCH_OUTPUT
    ? path.resolve(env.BENCH_OUTPUT)
    : options.full ? path.join(ROOT_DIR, 'docs', 'benchmarks.md') : path.join(BENCH_DIR, 'results', 'last-run.md')
  return options
}

function scalingOf (env: NodeJS.ProcessEnv): Dimension[] {
  const all = Object.keys(DIMENSIONS) as Dimension[]
  const names = list(env.BENCH_SCALING) ?? (env.BENCH_STACKS || env.BENCH_SCENARIOS ? ['none'] : ['all'])
  if (names.includes('all')) return all
  if (names.includes('none') || names.includes('0')) return []
  return names.map((name) => {
    if (!(all as string[]).includes(name)) throw new Error(`BENCH_SCALING: no dimension '${name}'; they are ${all.join(', ')} (or 'all', 'none')`)
    return name as Dimension
  })
}

function list (value: string | undefined): string[] | undefined {
  if (!value) return undefined
  return value.split(',').map((item) => item.trim()).filter(Boolean)
}

function number (env: NodeJS.ProcessEnv, name: string, fallback: number, integer = false): number {
  const value = env[name]
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!(parsed > 0) || (integer && !Number.isInteger(parsed))) throw new Error(`${name} must be ${integer ? 'a whole number' : 'a number'} above 0, not '${value}'`)
  return parsed
}
