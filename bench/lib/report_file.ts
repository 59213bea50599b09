/**
 * Writes a run's report: the Markdown tables, the charts beside them, and the hand-written
 * account of what made adonis-lite fast (HISTORY.md) after them. Used at the end of a run, and
 * by `bench/report.ts` to write the report again from a run's saved figures.
 */
import fs from 'node:fs'
import path from 'node:path'
import { writeCharts } from './charts'
import { buildReport } from './report'
import type { Meta, StackRound } from './results'
import type { ScalingRun } from './scaling'
import { BENCH_DIR, type Stack } from './stacks'

/** The report's Markdown, once written to `output`. */
export function writeReport (output: string, meta: Meta, stacks: Stack[], rounds: StackRound[], scaling: ScalingRun[]): string {
  fs.mkdirSync(path.dirname(output), { recursive: true })
  const charts = writeCharts(output, stacks, rounds, scaling)
  const report = buildReport(meta, stacks, rounds, scaling, charts)
  const history = path.join(BENCH_DIR, 'HISTORY.md')
  fs.writeFileSync(output, fs.existsSync(history) ? `${report}\n${fs.readFileSync(history, 'utf8')}` : report)
  return report
}
