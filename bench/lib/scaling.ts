/**
 * The scaling runs: the same scenarios as the app grows. Routes (the app with 10, 100 or 1,000
 * routes, the measured page defined last), sessions (1 hot session shared by every connection,
 * or 200 or 10,000 distinct clients taken in turn) and session size (1 KB or 64 KB of other
 * values beside the counter). Each case restarts the server and seeds its sessions afresh.
 */
import type { UnitResult } from './protocol'
import { kindsOf, type Kind, type Unit } from './scenarios'
import { mean } from './stats'

export type Dimension = 'routes' | 'sessions' | 'size'

/** How a server is started and seeded: its number of routes (0: the app as it is), its sessions, their padding. */
export interface Setup {
  routes: number
  sessions: number
  bytes: number
}

/** One stack's runs at one point of one dimension. */
export interface ScalingCase {
  dimension: Dimension
  value: number
  stack: string
  units: Unit[]
}

/** One measured run of a case. */
export interface ScalingRun {
  stack: string
  round: number
  dimension: Dimension
  value: number
  unit: Unit
  result: UnitResult
  /** Server CPU seconds during the run. */
  serverCpu: number | null
  /** CPU seconds other processes used during the run. */
  otherCpu: number | null
}

export const DIMENSIONS: Record<Dimension, { title: string, values: number[], unit: string }> = {
  routes: { title: 'Routes', values: [10, 100, 1000], unit: 'routes' },
  sessions: { title: 'Sessions', values: [1, 200, 10_000], unit: 'sessions' },
  size: { title: 'Session size', values: [1024, 65_536], unit: 'bytes' },
}

const BOTH: Unit[] = ['S2', 'S34']

/** Every case, in the order they run: the cases a target compares follow each other. */
export const SCALING_CASES: ScalingCase[] = [
  ...[10, 100, 1000].flatMap((value): ScalingCase[] => [
    { dimension: 'routes', value, stack: 'adonis-cookie', units: ['S1'] },
    { dimension: 'routes', value, stack: 'koa-bare', units: ['S1'] },
  ]),
  // One hot session: adonis-lite against itself further on, and the file stores against each other.
  { dimension: 'sessions', value: 1, stack: 'adonis-cookie', units: ['S2'] },
  { dimension: 'sessions', value: 1, stack: 'adonis-file', units: BOTH },
  { dimension: 'sessions', value: 1, stack: 'adonisjs-file', units: BOTH },
  { dimension: 'sessions', value: 1, stack: 'adonis-redis', units: ['S2'] },
  ...['adonis-cookie', 'adonis-file'].map((stack): ScalingCase => ({ dimension: 'sessions', value: 200, stack, units: ['S2'] })),
  // Many clients: the cookie stores past their caches, every store with a session per visitor.
  ...['adonis-cookie', 'koa-cookie', 'adonis-file', 'adonisjs-file'].map((stack): ScalingCase => ({ dimension: 'sessions', value: 10_000, stack, units: BOTH })),
  ...['adonis-redis', 'koa-redis'].map((stack): ScalingCase => ({ dimension: 'sessions', value: 10_000, stack, units: ['S2'] })),
  ...[1024, 65_536].flatMap((value) => ['adonis-file', 'adonis-redis', 'koa-redis']
    .map((stack): ScalingCase => ({ dimension: 'size', value, stack, units: ['S2'] }))),
]

/** The server and sessions a case needs; `connections` sessions for the other dimensions, as in the main table. */
export function setupOf (scalingCase: ScalingCase, connections: number): Setup {
  return {
    routes: scalingCase.dimension === 'routes' ? scalingCase.value : 0,
    sessions: scalingCase.dimension === 'sessions' ? scalingCase.value : connections,
    bytes: scalingCase.dimension === 'size' ? scalingCase.value : 0,
  }
}

/** '1,000 routes', '64 KB', '10,000 sessions'. */
export function describeValue (dimension: Dimension, value: number): string {
  if (dimension === 'size') return value >= 1024 ? `${Math.round(value / 1024)} KB` : `${value} B`
  return `${value.toLocaleString('en-US')} ${value === 1 ? DIMENSIONS[dimension].unit.slice(0, -1) : DIMENSIONS[dimension].unit}`
}

/** A stack's figure for one kind of request at one point of a dimension, over the rounds. */
export interface ScalingFigure {
  stack: string
  dimension: Dimension
  value: number
  kind: Kind
  rps: number
  p99: number
  perRound: number[]
  /** The largest share of a core other processes used during one of its runs. */
  busiest: number
  /** Share of the answers with another status than the scenario's (a 403 for a session that lost its CSRF secret). */
  unexpected: number
  /**
   * Server CPU microseconds per request (S3 and S4 together), the mean of the rounds: on a busy
   * machine it moves much less than requests/s.
   */
  cpu: number
}

/** Mean requests/s and p99 of each stack, dimension, value and kind over the rounds. */
export function collectScaling (runs: ScalingRun[]): ScalingFigure[] {
  const byKey = new Map<string, ScalingFigure & { p99s: number[], counts: number[], bad: number[], cpus: number[] }>()
  for (const run of runs) {
    for (const kind of kindsOf(run.unit)) {
      const figure = run.result.kinds[kind]
      if (figure === undefined) continue
      const key = `${run.stack} ${run.dimension} ${run.value} ${kind}`
      let entry = byKey.get(key)
      if (entry === undefined) {
        byKey.set(key, entry = { stack: run.stack, dimension: run.dimension, value: run.value, kind, rps: 0, p99: 0, perRound: [], p99s: [], busiest: 0, unexpected: 0, cpu: NaN, counts: [], bad: [], cpus: [] })
      }
      entry.perRound.push(figure.rps)
      entry.counts.push(figure.count)
      entry.bad.push(figure.unexpected)
      const requests = kindsOf(run.unit).reduce((sum, each) => sum + (run.result.kinds[each]?.count ?? 0), 0)
      if (run.serverCpu !== null && requests > 0) entry.cpus.push(run.serverCpu / requests * 1e6)
      entry.p99s.push(figure.p99)
      entry.busiest = Math.max(entry.busiest, run.otherCpu === null ? 0 : run.otherCpu / run.result.seconds)
    }
  }
  return [...byKey.values()].map(({ p99s, counts, bad, cpus, ...figure }) => ({
    ...figure,
    rps: mean(figure.perRound),
    p99: mean(p99s),
    cpu: mean(cpus),
    unexpected: bad.reduce((sum, count) => sum + count, 0) / Math.max(1, counts.reduce((sum, count) => sum + count, 0)),
  }))
}

/** The figure of a stack, dimension, value and kind, if measured. */
export function scalingFigure (figures: ScalingFigure[], stack: string, dimension: Dimension, value: number, kind: Kind): ScalingFigure | undefined {
  return figures.find((figure) => figure.stack === stack && figure.dimension === dimension && figure.value === value && figure.kind === kind)
}
