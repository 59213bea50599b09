/** The targets of issues 8 and 20, checked against a run's figures. */
import { ms, percent, ratio } from './format'
import { NOISY_SHARE, bestOf, cpuPerRequest, maxGrowth, maxKept, sumProblems, type Figure, type StackRound } from './results'
import { scalingFigure, type Dimension, type ScalingFigure, type ScalingRun } from './scaling'
import { KIND_INFO, KINDS, unitOf, type Kind } from './scenarios'
import { isAdonis, peersOf, type Stack } from './stacks'

/** The targets of issues 8 and 20. */
export const TARGETS = {
  peerRatio: 1.0,
  /** S0, and S1 with the cookie driver, against bare Koa + koa-router with no session: the ceiling of any app on Koa. */
  bareKoaRatio: 0.9,
  /** Requests/s with 1,000 routes against 10. */
  routesRatio: 0.9,
  rssGrowthMb: 50,
  /**
   * How long a server that ends over rssGrowthMb may sit idle before its RSS is read again. V8
   * keeps the garbage of a busy run until its memory reducer collects, about 30 s after the load
   * stops (bench/HISTORY.md): a leak stays, garbage goes.
   */
  rssIdleWaitMs: 45_000,
}

/**
 * Peer comparisons at scaling points: a hot session on the file stores, and many clients on
 * the cookie stores (past the cookie driver's cache).
 */
const SCALING_TARGETS: Array<{ dimension: Dimension, value: number, stack: string, peer: string, kinds: Kind[], why: string }> = [
  { dimension: 'sessions', value: 1, stack: 'adonis-file', peer: 'adonisjs-file', kinds: ['S2', 'S3'], why: 'one hot session' },
  { dimension: 'sessions', value: 10_000, stack: 'adonis-cookie', peer: 'koa-cookie', kinds: ['S2', 'S3'], why: '10,000 sessions' },
]

export interface Target {
  met: boolean
  text: string
}

/** A note for a comparison that rests on a run taken while other processes were busy. */
function busyNote (rounds: StackRound[], kind: Kind, ...stackNames: string[]): string {
  const unit = unitOf(kind)
  const busy = rounds.some((run) => stackNames.includes(run.stack) && run.units[unit] &&
    (run.otherCpu[unit] ?? 0) / run.units[unit]!.seconds > NOISY_SHARE)
  return busy ? ' [taken on a busy machine: less trustworthy]' : ''
}

/** Every target that the stacks and scenarios of this run can tell. */
export function evaluateTargets (stacks: Stack[], figures: Map<string, Map<Kind, Figure>>, rounds: StackRound[]): Target[] {
  const targets: Target[] = []
  for (const stack of stacks.filter(isAdonis)) {
    const own = figures.get(stack.name)
    if (!own) continue
    for (const kind of KINDS) {
      const figure = own.get(kind)
      const best = bestOf(peersOf(stack, stacks), figures, kind)
      if (!figure || !best) continue
      const rpsRatio = figure.rps / best.figure.rps
      const p99Ratio = figure.p99 / best.figure.p99
      const rpsMet = rpsRatio >= TARGETS.peerRatio
      const p99Met = p99Ratio <= 1
      targets.push({
        met: rpsMet && p99Met,
        text: `${stack.name} ${kind} vs ${best.stack.name}: ${ratio(rpsRatio)} req/s (${rpsMet ? 'ok, needs >= 1.00x' : `needs >= 1.00x: ${percent(1 - rpsRatio)} short`}), ` +
          `p99 ${ms(figure.p99)} vs ${ms(best.figure.p99)} (${p99Met ? 'ok, no worse' : `${percent(p99Ratio - 1)} worse`})` +
          busyNote(rounds, kind, stack.name, best.stack.name),
      })
    }
    const cart = own.get('S1')
    const bareCart = figures.get('koa-bare')?.get('S1')
    if (stack.storage === 'cookie' && cart && bareCart) {
      // Bare Koa on the same page, with no session at all, is the ceiling of any app on Koa.
      const value = cart.rps / bareCart.rps
      targets.push({
        met: value >= TARGETS.bareKoaRatio,
        text: `${stack.name} S1 vs koa-bare (no session): ${ratio(value)} (needs >= ${TARGETS.bareKoaRatio.toFixed(2)}x${value >= TARGETS.bareKoaRatio ? '' : `: ${percent(1 - value / TARGETS.bareKoaRatio)} short`}; ` +
          `CPU per request ${ratio(cpuPerRequest(stack, rounds, 'S1') / cpuPerRequest(stacks.find((each) => each.name === 'koa-bare')!, rounds, 'S1'))})` +
          busyNote(rounds, 'S1', stack.name, 'koa-bare'),
      })
    }
    const plain = own.get('S0')
    const bare = figures.get('koa-bare')?.get('S0')
    if (plain && bare) {
      const value = plain.rps / bare.rps
      targets.push({
        met: value >= TARGETS.bareKoaRatio,
        text: `${stack.name} S0 vs koa-bare: ${ratio(value)} (needs >= ${TARGETS.bareKoaRatio.toFixed(2)}x, within 10%${value >= TARGETS.bareKoaRatio ? '' : `: ${percent(1 - value / TARGETS.bareKoaRatio)} short`})` +
          busyNote(rounds, 'S0', stack.name, 'koa-bare'),
      })
    }
    const runs = rounds.filter((run) => run.stack === stack.name && !run.failure)
    const problems = runs.flatMap((run) => Object.values(run.units).map((unit) => unit!.measured))
    const total = sumProblems(problems)
    targets.push({
      met: total === 0,
      text: `${stack.name}: no error responses during the measured runs (${total === 0 ? 'none' : `${total}: ${problems.flatMap((p) => p.examples).slice(0, 3).join('; ')}`})`,
    })
    const growth = maxGrowth(runs)
    const kept = maxKept(runs)
    if (growth !== null && kept !== null) {
      const idled = kept !== growth ? `; ${kept.toFixed(1)} MB once idle` : ''
      targets.push({
        met: kept <= TARGETS.rssGrowthMb,
        text: `${stack.name}: server RSS keeps at most ${TARGETS.rssGrowthMb} MB over its warm-up level (${growth.toFixed(1)} MB after the runs${idled})`,
      })
    }
  }
  return targets
}

/** The targets the scaling runs can tell: flat routing cost, and the peers at a hot session and at many sessions. */
export function evaluateScalingTargets (figures: ScalingFigure[], runs: ScalingRun[]): Target[] {
  const targets: Target[] = []
  for (const stack of [...new Set(runs.map((run) => run.stack))].filter((name) => name.startsWith('adonis-'))) {
    const problems = runs.filter((run) => run.stack === stack).map((run) => run.result.measured)
    const total = sumProblems(problems)
    targets.push({
      met: total === 0,
      text: `${stack}: no error responses during the scaling runs (${total === 0 ? 'none' : `${total}: ${problems.flatMap((p) => p.examples).slice(0, 3).join('; ')}`})`,
    })
  }
  for (const stack of [...new Set(figures.filter((figure) => figure.dimension === 'routes' && figure.stack.startsWith('adonis-')).map((figure) => figure.stack))]) {
    const small = scalingFigure(figures, stack, 'routes', 10, 'S1')
    const large = scalingFigure(figures, stack, 'routes', 1000, 'S1')
    if (!small || !large) continue
    const value = large.rps / small.rps
    targets.push({
      met: value >= TARGETS.routesRatio,
      text: `${stack} S1 with 1,000 routes vs 10: ${ratio(value)} (needs >= ${TARGETS.routesRatio.toFixed(2)}x${value >= TARGETS.routesRatio ? '' : `: ${percent(1 - value / TARGETS.routesRatio)} short`}; ` +
        `CPU per request ${ratio(large.cpu / small.cpu)})` +
        (Math.max(small.busiest, large.busiest) > NOISY_SHARE ? ' [taken on a busy machine: less trustworthy]' : ''),
    })
  }
  for (const { dimension, value, stack, peer, kinds, why } of SCALING_TARGETS) {
    for (const kind of kinds) {
      const own = scalingFigure(figures, stack, dimension, value, kind)
      const theirs = scalingFigure(figures, peer, dimension, value, kind)
      if (!own || !theirs) continue
      const rpsRatio = own.rps / theirs.rps
      const rpsMet = rpsRatio >= TARGETS.peerRatio
      const p99Met = own.p99 <= theirs.p99
      targets.push({
        met: rpsMet && p99Met,
        text: `${stack} ${kind} vs ${peer}, ${why}: ${ratio(rpsRatio)} req/s (${rpsMet ? 'ok, needs >= 1.00x' : `needs >= 1.00x: ${percent(1 - rpsRatio)} short`}; CPU per request ${ratio(own.cpu / theirs.cpu)}), ` +
          `p99 ${ms(own.p99)} vs ${ms(theirs.p99)} (${p99Met ? 'ok, no worse' : `${percent(own.p99 / theirs.p99 - 1)} worse`})` +
          (theirs.unexpected > 0 ? `; ${peer} answered ${percent(theirs.unexpected)} of them with another status than ${KIND_INFO[kind].status}` : '') +
          (Math.max(own.busiest, theirs.busiest) > NOISY_SHARE ? ' [taken on a busy machine: less trustworthy]' : ''),
      })
    }
  }
  return targets
}
