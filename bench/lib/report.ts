/**
 * Turns the measured rounds into the report: the table of requests/s and p99 per stack and
 * scenario, each adonis-lite figure as a ratio to its best same-storage peer and to the raw
 * limit, the targets met or missed, errors, memory and CPU. The same Markdown goes to stdout
 * and to docs/benchmarks.md.
 */
import type { Problems, UnitResult } from './protocol'
import { KIND_INFO, KINDS, kindsOf, unitOf, type Kind, type Unit } from './scenarios'
import { isAdonis, peersOf, type Stack } from './stacks'
import { mean, spread } from './stats'

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
  /** Server RSS in MB: after boot, after the first warm-up, after the last run. */
  rss: { boot: number | null, warm: number | null, end: number | null }
  /** Why the stack was not measured (failed verification, crashed). */
  failure?: string
}

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

interface Figure {
  rps: number
  p99: number
  perRound: number[]
}

/** The targets of issue 8. */
export const TARGETS = {
  peerRatio: 1.0,
  rawRatioCartCookie: 0.6,
  bareKoaRatio: 0.9,
  rssGrowthMb: 50,
}

export function buildReport (meta: Meta, stacks: Stack[], rounds: StackRound[]): string {
  const figures = collectFigures(stacks, rounds)
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

  lines.push('## Requests per second and p99 latency', '')
  lines.push(table(['stack', ...measuredKinds.map((kind) => `${kind} ${KIND_INFO[kind].title}`)],
    stacks.map((stack) => [stack.name, ...measuredKinds.map((kind) => cell(figures.get(stack.name)?.get(kind)) ?? failedCell(stack, rounds, kind))])))
  lines.push('')
  lines.push(...scenarioNotes(measuredKinds))
  lines.push('')

  const adonisStacks = stacks.filter((stack) => isAdonis(stack) && figures.has(stack.name))
  const targets = evaluateTargets(stacks, figures, rounds)
  if (adonisStacks.length > 0) {
    lines.push('## adonis-lite against its peers', '')
    lines.push('Requests/s of adonis-lite divided by those of the best peer with the same kind of storage (cookie: koa-session\'s cookie store; ' +
      'memory and file: express-session\'s MemoryStore and session-file-store; redis: koa-session over ioredis and connect-redis), with p99 divided the same way, ' +
      'and divided by the raw node:http limit. Above 1.00x is faster; for p99, below 1.00x is better. ' +
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
      const bare = figures.get('koa-bare')?.get('S0')
      const own = figures.get(stack.name)?.get('S0')
      if (bare && own && measuredKinds.includes('S0')) rows.push(['', 'bare Koa', ...measuredKinds.map((kind) => kind === 'S0' ? ratio(own.rps / bare.rps) : '')])
    }
    lines.push(table(['adonis-lite', 'divided by', ...measuredKinds], rows))
    lines.push('')
  }

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

  lines.push('## Errors and memory', '')
  lines.push('Responses with another status than the scenario\'s (200, or 302 for S3), socket errors and timeouts, and answers that failed the load generator\'s ' +
    'checks (S1 lists the items, S2 counts up by one per connection, S4 shows the flashed error and old email and not the password), summed over the measured runs ' +
    '(warm-ups in brackets when not 0). RSS of the server process: after boot, after the first warm-up, after its last run; growth is last run minus first warm-up, ' +
    'the highest of the rounds.', '')
  lines.push(table(['stack', 'bad status', 'socket errors', 'timeouts', 'wrong answers', 'RSS boot / warm / end (MB)', 'growth (MB)'],
    stacks.map((stack) => problemRow(stack, rounds))))
  lines.push('')

  const unstable = unstableFigures(stacks, figures, measuredKinds)
  if (unstable.length > 0) {
    lines.push('Figures whose rounds differ by more than 10% (requests/s of each round):', '')
    for (const line of unstable) lines.push(`- ${line}`)
    lines.push('')
  }

  lines.push('## CPU', '')
  lines.push(`Server CPU time per request in microseconds, then the CPU the server, Redis (for the redis stacks), the load generator and every other process of the machine used during the run, ` +
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

/** Above this share of a core used by other processes, a run was taken on a busy machine (and is taken again). */
export const NOISY_SHARE = 0.25

export interface Target {
  met: boolean
  text: string
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
          `p99 ${ms(figure.p99)} vs ${ms(best.figure.p99)} (${p99Met ? 'ok, no worse' : `${percent(p99Ratio - 1)} worse`})`,
      })
    }
    const cart = own.get('S1')
    const rawCart = figures.get('raw')?.get('S1')
    if (stack.storage === 'cookie' && cart && rawCart) {
      const value = cart.rps / rawCart.rps
      targets.push({
        met: value >= TARGETS.rawRatioCartCookie,
        text: `${stack.name} S1 vs raw: ${ratio(value)} (needs >= ${TARGETS.rawRatioCartCookie.toFixed(2)}x${value >= TARGETS.rawRatioCartCookie ? '' : `: ${percent(1 - value / TARGETS.rawRatioCartCookie)} short`})`,
      })
    }
    const plain = own.get('S0')
    const bare = figures.get('koa-bare')?.get('S0')
    if (plain && bare) {
      const value = plain.rps / bare.rps
      targets.push({
        met: value >= TARGETS.bareKoaRatio,
        text: `${stack.name} S0 vs koa-bare: ${ratio(value)} (needs >= ${TARGETS.bareKoaRatio.toFixed(2)}x, within 10%${value >= TARGETS.bareKoaRatio ? '' : `: ${percent(1 - value / TARGETS.bareKoaRatio)} short`})`,
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

function bestOf (peers: Stack[], figures: Map<string, Map<Kind, Figure>>, kind: Kind): { stack: Stack, figure: Figure } | null {
  let best: { stack: Stack, figure: Figure } | null = null
  for (const peer of peers) {
    const figure = figures.get(peer.name)?.get(kind)
    if (figure && (!best || figure.rps > best.figure.rps)) best = { stack: peer, figure }
  }
  return best
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
  const rss = runs.map((run) => [run.rss.boot, run.rss.warm, run.rss.end].map((mb) => mb === null ? '?' : mb.toFixed(0)).join(' / ')).join(', ')
  const growth = maxGrowth(runs)
  const name = failure ? `${stack.name} (not measured)` : stack.name
  return [name, count('unexpected'), count('errors'), count('timeouts'), count('mismatches'), rss, growth === null ? '-' : growth.toFixed(1)]
}

/** Server CPU microseconds per request of a run (S3+S4 together), the mean of the rounds. */
function cpuPerRequest (stack: Stack, rounds: StackRound[], unit: Unit): number {
  const runs = rounds.filter((run) => run.stack === stack.name && run.units[unit])
  return mean(runs.map((run) => {
    const result = run.units[unit]!
    const requests = kindsOf(unit).reduce((sum, kind) => sum + (result.kinds[kind]?.count ?? 0), 0)
    return (run.serverCpu[unit] ?? NaN) / requests * 1e6
  }))
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

function maxGrowth (runs: StackRound[]): number | null {
  const growths = runs.map((run) => run.rss.end !== null && run.rss.warm !== null ? run.rss.end - run.rss.warm : null).filter((growth) => growth !== null)
  return growths.length === 0 ? null : Math.max(...growths as number[])
}

function sumProblems (problems: Problems[]): number {
  return problems.reduce((sum, p) => sum + p.unexpected + p.errors + p.mismatches, 0)
}

/** A Markdown table with padded columns, readable in a terminal too. */
export function table (headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]) => '| ' + cells.map((value, column) => (value ?? '').padEnd(widths[column]!)).join(' | ') + ' |'
  return [line(headers), '|' + widths.map((width) => '-'.repeat(width + 2)).join('|') + '|', ...rows.map(line)].join('\n')
}

function ratio (value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '-'
}

function percent (value: number): string {
  return Number.isFinite(value) ? `${Math.round(value * 100)}%` : '?'
}

function ms (value: number): string {
  return `${value.toFixed(1)} ms`
}
