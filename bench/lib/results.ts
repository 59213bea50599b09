/**
 * What a run produced, and the figures derived from it: the mean requests/s and p99 of each
 * stack and kind over its rounds, the best peer, CPU per request, memory growth.
 */
import type { Problems, UnitResult } from './protocol'
import { KINDS, kindsOf, unitOf, type Kind, type Unit } from './scenarios'
import type { Stack } from './stacks'
import { mean } from './stats'

/** What one stack did in one round. */
export interface StackRound {
  stack: string
  round: number
  units: Partial<Record<Unit, UnitResult>>
  /** How many runs each scenario took (more than 1 when the machine was busy). */
  attempts: Partial<Record<Unit, number>>
  /** Server CPU seconds used during each measured run. */
  serverCpu: Partial<Record<Unit, number>>
  /** Redis CPU seconds during each measured run (redis stacks). */
  redisCpu: Partial<Record<Unit, number>>
  /** CPU seconds that other processes of the machine (not the server, Redis or the load generator) used during each measured run. */
  otherCpu: Partial<Record<Unit, number>>
  rss: RssReadings
  /** Why the stack was not measured (failed verification, crashed). */
  failure?: string
}

/**
 * Server RSS in MB: after boot, after the first warm-up, after the last run, and, when the runs
 * left it over the target, after sitting idle until it came back or TARGETS.rssIdleWaitMs ran out (null:
 * not waited for; absent in runs made before it was measured).
 */
export interface RssReadings {
  boot: number | null
  warm: number | null
  end: number | null
  idle?: number | null
}

/** When, where and how the run was made. */
export interface Meta {
  date: string
  node: string
  versions: Record<string, string>
  cpu: string
  cores: number
  memoryGb: number
  os: string
  settings: { connections: number, warmup: number, duration: number, rounds: number, nodeFlags: string[], stacks: string[], scenarios: string[] }
}

/** A stack's figure for one kind of request, over its rounds. */
export interface Figure {
  rps: number
  p99: number
  perRound: number[]
}

/** Above this share of a core used by other processes, a run was taken on a busy machine (and is taken again). */
export const NOISY_SHARE = 0.25

/** Mean requests/s and p99 of each stack and kind over the rounds it completed. */
export function collectFigures (stacks: Stack[], rounds: StackRound[]): Map<string, Map<Kind, Figure>> {
  const figures = new Map<string, Map<Kind, Figure>>()
  for (const stack of stacks) {
    const runs = rounds.filter((run) => run.stack === stack.name && !run.failure)
    const byKind = new Map<Kind, Figure>()
    for (const kind of KINDS) {
      const results = runs.map((run) => run.units[unitOf(kind)]?.kinds[kind]).filter((result) => result !== undefined)
      if (results.length === 0) continue
      const perRound = results.map((result) => result!.rps)
      byKind.set(kind, { rps: mean(perRound), p99: mean(results.map((result) => result!.p99)), perRound })
    }
    if (byKind.size > 0) figures.set(stack.name, byKind)
  }
  return figures
}

/** The peer with the most requests/s for a kind, and its figure. */
export function bestOf (peers: Stack[], figures: Map<string, Map<Kind, Figure>>, kind: Kind): { stack: Stack, figure: Figure } | null {
  let best: { stack: Stack, figure: Figure } | null = null
  for (const peer of peers) {
    const figure = figures.get(peer.name)?.get(kind)
    if (figure && (!best || figure.rps > best.figure.rps)) best = { stack: peer, figure }
  }
  return best
}

/** Server CPU microseconds per request of a run (S3+S4 together), the mean of the rounds. */
export function cpuPerRequest (stack: Stack, rounds: StackRound[], unit: Unit): number {
  const runs = rounds.filter((run) => run.stack === stack.name && run.units[unit])
  return mean(runs.map((run) => {
    const result = run.units[unit]!
    const requests = kindsOf(unit).reduce((sum, kind) => sum + (result.kinds[kind]?.count ?? 0), 0)
    return (run.serverCpu[unit] ?? NaN) / requests * 1e6
  }))
}

/** The largest RSS growth from the first warm-up to the last run, over the rounds. */
export function maxGrowth (runs: StackRound[]): number | null {
  return largest(runs.map((run) => run.rss.end !== null && run.rss.warm !== null ? run.rss.end - run.rss.warm : null))
}

/** The largest RSS kept over the first warm-up's: after the runs, or after idling when the server was waited for. */
export function maxKept (runs: StackRound[]): number | null {
  return largest(runs.map(({ rss }) => {
    const last = rss.idle ?? rss.end
    return last !== null && rss.warm !== null ? last - rss.warm : null
  }))
}

function largest (values: Array<number | null>): number | null {
  const known = values.filter((value) => value !== null)
  return known.length === 0 ? null : Math.max(...known)
}

/** Bad statuses, socket errors and wrong answers. */
export function sumProblems (problems: Problems[]): number {
  return problems.reduce((sum, p) => sum + p.unexpected + p.errors + p.mismatches, 0)
}
