/**
 * Turns the measured rounds into the report: the table of requests/s and p99 per stack and
 * scenario, each adonis-lite figure as a ratio to its best same-storage peer and to the raw
 * limit, the targets met or missed, errors, memory and CPU. The same Markdown goes to stdout
 * and to docs/benchmarks.md.
 */
import type { Charts } from './charts'
import { ms, percent, ratio, table } from './format'
import { NOISY_SHARE, bestOf, collectFigures, cpuPerRequest, maxGrowth, maxKept, type Figure, type Meta, type StackRound } from './results'
import { KIND_INFO, KINDS, unitOf, type Kind, type Unit } from './scenarios'
import { isAdonis, peersOf, type Stack } from './stacks'
import { mean, spread } from './stats'
import { collectScaling, type ScalingRun } from './scaling'
import { scalingSection } from './scaling_report'
import { TARGETS, evaluateScalingTargets, evaluateTargets } from './targets'

/** The whole report, in Markdown. */
export function buildReport (meta: Meta, stacks: Stack[], rounds: StackRound[], scaling: ScalingRun[] = [], charts: Charts = {}): string {
  const figures = collectFigures(stacks, rounds)
  const scalingFigures = collectScaling(scaling)
  const measuredKinds = KINDS.filter((kind) => stacks.some((stack) => figures.get(stack.name)?.has(kind)))
  const lines: string[] = []
  const s = meta.settings
  lines.push('# Benchmarks', '')
  lines.push(`Measured on ${meta.date} with \`npm run bench\`: ${s.connections} connections, ${s.warmup} s warm-up then ${s.duration} s measured per scenario, ` +
    `${s.rounds} interleaved round${s.rounds === 1 ? '' : 's'} (figures are the mean of the rounds). ` +
    `Machine: ${meta.cpu}, ${meta.cores} cores, ${meta.memoryGb} GB, ${meta.os}; Node ${meta.node}` +
    `${s.nodeFlags.length ? ` with ${s.nodeFlags.join(' ')}` : ''}. One server process per stack, the load generator (autocannon) in another process, on loopback.`)
  lines.push('')
  lines.push(Object.entries(meta.versions).map(([name, version]) => `${name} ${version}`).join(', ') + '.')
  lines.push('')

  if (measuredKinds.length > 0) lines.push('## Requests per second and p99 latency', '')
  if (measuredKinds.length > 0) {
    lines.push(table(['stack', ...measuredKinds.map((kind) => `${kind} ${KIND_INFO[kind].title}`)],
      stacks.map((stack) => [stack.name, ...measuredKinds.map((kind) => cell(figures.get(stack.name)?.get(kind)) ?? failedCell(stack, rounds, kind))])))
  }
  if (measuredKinds.length > 0) lines.push('', ...scenarioNotes(measuredKinds), '')
  if (charts.peers) lines.push(`![Requests per second of every stack in every scenario](${charts.peers})`, '')

  const adonisStacks = stacks.filter((stack) => isAdonis(stack) && figures.has(stack.name))
  const targets = [...evaluateTargets(stacks, figures, rounds), ...evaluateScalingTargets(scalingFigures, scaling)]
  if (adonisStacks.length > 0) {
    lines.push('## adonis-lite against its peers', '')
    lines.push('Requests/s of adonis-lite divided by those of the best peer with the same kind of storage (cookie: koa-session\'s cookie store and AdonisJS 7\'s; ' +
      'memory: express-session\'s MemoryStore; file: AdonisJS 7\'s file store and session-file-store; redis: koa-session over ioredis and connect-redis), with p99 divided the same way, ' +
      'by the raw node:http limit, and by bare Koa + koa-router rendering the same page with no session (the most an app on Koa can do). ' +
      'Above 1.00x is faster; for p99, below 1.00x is better. ' +
      'The server CPU time per request divided the same way (below 1.00x is cheaper; S3 and S4 share one figure) changes less than requests/s when the machine is busy.', '')
    const rows: string[][] = []
    for (const stack of adonisStacks) {
      const peers = peersOf(stack, stacks)
      rows.push([stack.name, 'best peer', ...measuredKinds.map((kind) => {
        const best = bestOf(peers, figures, kind)
        const own = figures.get(stack.name)?.get(kind)
        if (!best || !own) return '-'
        return `${ratio(own.rps / best.figure.rps)} (${best.stack.name}), p99 ${ratio(own.p99 / best.figure.p99)}`
      })])
      rows.push(['', 'CPU/request, best peer', ...measuredKinds.map((kind) => {
        const best = bestOf(peers, figures, kind)
        const own = cpuPerRequest(stack, rounds, unitOf(kind))
        const theirs = best ? cpuPerRequest(best.stack, rounds, unitOf(kind)) : NaN
        return best && Number.isFinite(own / theirs) ? ratio(own / theirs) : '-'
      })])
      rows.push(['', 'raw limit', ...measuredKinds.map((kind) => {
        const raw = figures.get('raw')?.get(kind)
        const own = figures.get(stack.name)?.get(kind)
        return raw && own ? ratio(own.rps / raw.rps) : '-'
      })])
      const bare = figures.get('koa-bare')
      if (bare) {
        rows.push(['', 'bare Koa', ...measuredKinds.map((kind) => {
          const theirs = bare.get(kind)
          const own = figures.get(stack.name)?.get(kind)
          return theirs && own ? ratio(own.rps / theirs.rps) : ''
        })])
      }
    }
    lines.push(table(['adonis-lite', 'divided by', ...measuredKinds], rows))
    lines.push('')
  }

  const scalingLines = scalingSection(scalingFigures, figures as Map<string, Map<string, Figure>>, scaling)
  lines.push(...scalingLines)
  if (charts.scaling) lines.push(`![Requests per second against routes, sessions and session size](${charts.scaling})`, '')

  const failures = rounds.filter((run) => run.failure)
  if (failures.length > 0) {
    lines.push('## Not measured', '')
    for (const run of failures) lines.push(`- ${run.stack}, round ${run.round}: ${run.failure!.replace(/\n\s*/g, ' / ')}`)
    lines.push('')
  }

  lines.push('## Targets', '')
  if (targets.length === 0) lines.push('No target applies to the stacks and scenarios of this run.')
  const met = targets.filter((target) => target.met).length
  if (targets.length > 0) lines.push(`${met} of ${targets.length} met.`, '')
  for (const target of targets) lines.push(`- ${target.met ? 'met' : '**missed**'}: ${target.text}`)
  lines.push('')

  if (measuredKinds.length === 0) return lines.join('\n')
  lines.push('## Errors and memory', '')
  lines.push('Responses with another status than the scenario\'s (200, or 302 for S3), socket errors and timeouts, and answers that failed the load generator\'s ' +
    'checks (S1 lists the items, S2 counts up by one per connection, S4 shows the flashed error and old email and not the password), summed over the measured runs ' +
    '(warm-ups in brackets when not 0). RSS of the server process: after boot, after the first warm-up, after its last run, and (idle) once it sat idle ' +
    `for up to ${TARGETS.rssIdleWaitMs / 1000} s when the runs left it more than ${TARGETS.rssGrowthMb} MB over the warm-up: V8 keeps the garbage of a busy run until its memory reducer collects, about 30 s ` +
    'after the load stops, so a leak stays and garbage goes. Growth is last run minus first warm-up, then (when it waited) idle minus first warm-up; the highest of the rounds.', '')
  lines.push(table(['stack', 'bad status', 'socket errors', 'timeouts', 'wrong answers', 'RSS boot / warm / end / idle (MB)', 'growth, once idle (MB)'],
    stacks.map((stack) => problemRow(stack, rounds))))
  lines.push('')

  const unstable = unstableFigures(stacks, figures, measuredKinds)
  if (unstable.length > 0) {
    lines.push('Figures whose rounds differ by more than 10% (requests/s of each round):', '')
    for (const line of unstable) lines.push(`- ${line}`)
    lines.push('')
  }

  lines.push('## CPU', '')
  lines.push('Server CPU time per request in microseconds, then the CPU the server, Redis (for the redis stacks), the load generator and every other process of the machine used during the run, ' +
    `as a share of one core (the machine has ${meta.cores}). A load generator near 100% means that figure is limited by the load generator, not by the server; ` +
    'other processes well above 0% mean the figure was taken on a busy machine and is less trustworthy.', '')
  const units = [...new Set(measuredKinds.map(unitOf))]
  lines.push(table(['stack', ...units.map((unit) => unit === 'S34' ? 'S3+S4' : unit)], stacks.map((stack) => [stack.name, ...units.map((unit) => cpuCell(stack, rounds, unit))])))
  lines.push('')
  const noisy = rounds.flatMap((run) => Object.entries(run.otherCpu)
    .filter(([unit, seconds]) => seconds! / run.units[unit as Unit]!.seconds > NOISY_SHARE)
    .map(([unit, seconds]) => `${run.stack} ${unit === 'S34' ? 'S3+S4' : unit} round ${run.round} (others ${percent(seconds! / run.units[unit as Unit]!.seconds)}` +
      `${(run.attempts[unit as Unit] ?? 1) > 1 ? `, the quietest of ${run.attempts[unit as Unit]} runs` : ''})`))
  const total = rounds.reduce((sum, run) => sum + Object.keys(run.units).length, 0)
  if (total > 0) {
    lines.push(noisy.length === 0
      ? `Other processes stayed under ${percent(NOISY_SHARE)} of a core during every run.`
      : `Runs during which other processes used more than ${percent(NOISY_SHARE)} of a core: ${noisy.length} of ${total}: ${noisy.join(', ')}.`)
    const retried = rounds.reduce((sum, run) => sum + Object.values(run.attempts).filter((attempts) => attempts! > 1).length, 0)
    if (retried > 0) lines.push('', `${retried} of ${total} runs were taken more than once because other processes were busy; the quietest attempt was kept, and the errors of every attempt are counted.`)
    lines.push('')
  }
  return lines.join('\n')
}

function scenarioNotes (kinds: Kind[]): string[] {
  const notes = kinds.map((kind) => `- ${kind} ${KIND_INFO[kind].title}: ${KIND_INFO[kind].request}.`)
  if (kinds.includes('S3') || kinds.includes('S4')) {
    notes.push('- S3 and S4 are measured together: each connection sends POST /signup then GET /signup with its own session, so every S4 renders the flash ' +
      'its S3 wrote. Their requests/s are per kind of request, so each equals the S3+S4 round trips per second; their p99 is per kind.')
  }
  notes.push('- Each cell: requests/s, then p99 latency. Sessions: one per connection, created through the stack\'s own routes before the runs.')
  return notes
}

function cell (figure: Figure | undefined): string | undefined {
  return figure ? `${Math.round(figure.rps).toLocaleString('en-US')} · ${ms(figure.p99)}` : undefined
}

function failedCell (stack: Stack, rounds: StackRound[], kind: Kind): string {
  if (!stack.units.includes(unitOf(kind))) return ''
  return rounds.some((run) => run.stack === stack.name && run.failure) ? 'failed' : '-'
}

function problemRow (stack: Stack, rounds: StackRound[]): string[] {
  const runs = rounds.filter((run) => run.stack === stack.name)
  const failure = runs.find((run) => run.failure)?.failure
  if (runs.length === 0) return [stack.name, '-', '-', '-', '-', '-', '-']
  const results = runs.flatMap((run) => Object.values(run.units))
  const measured = results.map((result) => result!.measured)
  const warmup = results.map((result) => result!.warmup)
  const count = (key: 'unexpected' | 'errors' | 'timeouts' | 'mismatches') => {
    const during = measured.reduce((sum, p) => sum + p[key], 0)
    const before = warmup.reduce((sum, p) => sum + p[key], 0)
    return before > 0 ? `${during} (${before})` : String(during)
  }
  const mb = (value: number | null) => value === null ? '?' : value.toFixed(0)
  const rss = runs.map(({ rss }) => `${[rss.boot, rss.warm, rss.end].map(mb).join(' / ')} / ${rss.idle == null ? '-' : mb(rss.idle)}`).join(', ')
  const growth = maxGrowth(runs)
  const kept = maxKept(runs)
  const name = failure ? `${stack.name} (not measured)` : stack.name
  return [name, count('unexpected'), count('errors'), count('timeouts'), count('mismatches'), rss, growth === null || kept === null ? '-' : kept === growth ? growth.toFixed(1) : `${growth.toFixed(1)}, ${kept.toFixed(1)}`]
}

function cpuCell (stack: Stack, rounds: StackRound[], unit: Unit): string {
  const runs = rounds.filter((run) => run.stack === stack.name && run.units[unit])
  if (runs.length === 0) return ''
  const perRequest = [cpuPerRequest(stack, rounds, unit)]
  const serverShare = runs.map((run) => (run.serverCpu[unit] ?? NaN) / run.units[unit]!.seconds)
  const loadShare = runs.map((run) => run.units[unit]!.loadCpu)
  const otherShare = runs.map((run) => (run.otherCpu[unit] ?? NaN) / run.units[unit]!.seconds)
  const redisShare = runs.map((run) => run.redisCpu[unit] === undefined ? NaN : run.redisCpu[unit]! / run.units[unit]!.seconds)
  const redis = redisShare.every(Number.isNaN) ? '' : ` · redis ${percent(mean(redisShare))}`
  return `${mean(perRequest).toFixed(0)} µs · server ${percent(mean(serverShare))}${redis} · load ${percent(mean(loadShare))} · others ${percent(mean(otherShare))}`
}

function unstableFigures (stacks: Stack[], figures: Map<string, Map<Kind, Figure>>, kinds: Kind[]): string[] {
  const lines: string[] = []
  for (const stack of stacks) {
    for (const kind of kinds) {
      const figure = figures.get(stack.name)?.get(kind)
      if (figure && spread(figure.perRound) > 0.1) {
        lines.push(`${stack.name} ${kind}: ${figure.perRound.map((rps) => Math.round(rps).toLocaleString('en-US')).join(' / ')}`)
      }
    }
  }
  return lines
}
