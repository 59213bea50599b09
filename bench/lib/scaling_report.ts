/** The scaling tables of the report: requests/s and p99 at each point of each dimension. */
import { ms, ratio, table } from './format'
import type { Figure } from './results'
import { DIMENSIONS, describeValue, scalingFigure, type Dimension, type ScalingFigure, type ScalingRun } from './scaling'
import { KINDS, KIND_INFO } from './scenarios'

const NOTES: Record<Dimension, string> = {
  routes: 'The app grown to 10, 100 or 1,000 routes (sections with a list, a page per id, an edit form and an update), ' +
    'its own routes defined after them: `GET /cart` is its last route, the worst place for a router that tries every route in turn.',
  sessions: 'One session shared by all 50 connections (a hot session: every request reads and writes the same one), ' +
    'one per connection (the main table), or 200 or 10,000 distinct clients, each connection taking its own in turn, one per request ' +
    '(per S3+S4 pair), so the cookie stores see each cookie again only after thousands of others.',
  size: 'One session per connection, each holding 1 KB or 64 KB of other values beside the counter S2 increments: ' +
    'the cost of a store that rewrites the whole session for a change of one key.',
}

/** The section, or nothing when no scaling run was made. */
export function scalingSection (figures: ScalingFigure[], main: Map<string, Map<string, Figure>>, runs: ScalingRun[]): string[] {
  const dimensions = (Object.keys(DIMENSIONS) as Dimension[]).filter((dimension) => figures.some((figure) => figure.dimension === dimension))
  if (dimensions.length === 0) return []
  const lines = ['## Scaling', '',
    'Requests/s · p99 · server CPU time per request (S3 and S4 share one) as the app grows, each point on a server started afresh with sessions seeded afresh; ' +
    'the mean of the rounds. A figure taken while other processes used more than a quarter of a core is marked *; on a busy machine CPU per request ' +
    'moves much less than requests/s. The last column divides the largest point by the smallest, requests/s then CPU per request.', '']
  for (const dimension of dimensions) {
    const mine = figures.filter((figure) => figure.dimension === dimension)
    const values = DIMENSIONS[dimension].values.filter((value) => mine.some((figure) => figure.value === value))
    const withMain = dimension === 'sessions'
    const rows = [...new Set(mine.map((figure) => `${figure.stack} ${figure.kind}`))]
      .sort((a, b) => KINDS.indexOf(a.split(' ')[1] as never) - KINDS.indexOf(b.split(' ')[1] as never))
      .map((key) => {
        const [stack, kind] = key.split(' ') as [string, typeof KINDS[number]]
        const at = values.map((value) => scalingFigure(mine, stack, dimension, value, kind))
        const cells = at.map((figure) => figure === undefined
          ? ''
          : `${Math.round(figure.rps).toLocaleString('en-US')} · ${ms(figure.p99)} · ${cpuText(figure.cpu)}${figure.busiest > 0.25 ? ' *' : ''}`)
        const middle = main.get(stack)?.get(kind)
        if (withMain) cells.splice(1, 0, middle ? `${Math.round(middle.rps).toLocaleString('en-US')} · ${ms(middle.p99)}` : '')
        const first = at[0]
        const last = at[at.length - 1]
        const change = first && last && first !== last ? `${ratio(last.rps / first.rps)}, CPU ${ratio(last.cpu / first.cpu)}` : ''
        return [stack, `${kind} ${KIND_INFO[kind].title}`, ...cells, change]
      })
    const headers = values.map((value) => describeValue(dimension, value))
    if (withMain) headers.splice(1, 0, '50 sessions (main table)')
    lines.push(`### ${DIMENSIONS[dimension].title}`, '', NOTES[dimension], '')
    lines.push(table(['stack', 'scenario', ...headers, `${headers[headers.length - 1]} vs ${headers[0]}`], rows), '')
  }
  const troubled = runs.filter((run) => run.result.measured.unexpected + run.result.measured.errors + run.result.measured.mismatches > 0)
  lines.push(troubled.length === 0
    ? 'No error responses, socket errors or wrong answers during these runs.'
    : 'Runs with error responses, socket errors or wrong answers: ' + troubled.map((run) => {
      const { unexpected, errors, mismatches, examples } = run.result.measured
      return `${run.stack} ${describeValue(run.dimension, run.value)} ${run.unit === 'S34' ? 'S3+S4' : run.unit} round ${run.round}: ` +
        `${unexpected} bad status, ${errors} socket errors, ${mismatches} wrong answers (${examples.slice(0, 2).join('; ')})`
    }).join('; ') + '.', '')
  return lines
}

function cpuText (micros: number): string {
  return Number.isFinite(micros) ? `${Math.round(micros)} µs` : '? µs'
}
