/** The targets of issue 8, checked against a run's figures. */
import { ms, percent, ratio } from './format'
import { NOISY_SHARE, bestOf, maxGrowth, sumProblems, type Figure, type StackRound } from './results'
import { KINDS, unitOf, type Kind } from './scenarios'
import { isAdonis, peersOf, type Stack } from './stacks'

/** The targets of issue 8. */
export const TARGETS = {
  peerRatio: 1.0,
  rawRatioCartCookie: 0.6,
  bareKoaRatio: 0.9,
  rssGrowthMb: 50,
}

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
    const rawCart = figures.get('raw')?.get('S1')
    if (stack.storage === 'cookie' && cart && rawCart) {
      const value = cart.rps / rawCart.rps
      // Bare Koa on the same page, with no session at all, is the ceiling of any app on Koa.
      const bareCart = figures.get('koa-bare')?.get('S1')
      const ceiling = bareCart ? `; bare Koa with no session: ${ratio(bareCart.rps / rawCart.rps)}` : ''
      targets.push({
        met: value >= TARGETS.rawRatioCartCookie,
        text: `${stack.name} S1 vs raw: ${ratio(value)} (needs >= ${TARGETS.rawRatioCartCookie.toFixed(2)}x${value >= TARGETS.rawRatioCartCookie ? '' : `: ${percent(1 - value / TARGETS.rawRatioCartCookie)} short`}${ceiling})` +
          busyNote(rounds, 'S1', stack.name, 'raw'),
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
    if (growth !== null) {
      targets.push({
        met: growth <= TARGETS.rssGrowthMb,
        text: `${stack.name}: server RSS grows by at most ${TARGETS.rssGrowthMb} MB over the runs (${growth.toFixed(1)} MB)`,
      })
    }
  }
  return targets
}
