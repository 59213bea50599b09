/**
 * Writes the report of a saved run again, from its figures (bench/results/<date>.json), after
 * a change to how the report shows them: `node --require tsx/cjs bench/report.ts <run.json> [output.md]`.
 * A full run's report goes to docs/benchmarks.md, any other to bench/results/last-run.md, as
 * `npm run bench` would have written it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { writeReport } from './lib/report_file'
import type { Meta, StackRound } from './lib/results'
import type { ScalingRun } from './lib/scaling'
import { ALL_STACKS, BENCH_DIR, DEFAULT_STACKS, ROOT_DIR } from './lib/stacks'

const [file, output] = process.argv.slice(2)
if (!file) {
  console.error('usage: node --require tsx/cjs bench/report.ts bench/results/<date>.json [output.md]')
  process.exit(1)
}
const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { meta: Meta, rounds: StackRound[], scaling?: ScalingRun[] }
const { meta } = saved
const stacks = meta.settings.stacks.map((name) => ALL_STACKS.find((stack) => stack.name === name)!).filter(Boolean)
const s = meta.settings
const full = s.stacks.join() === DEFAULT_STACKS.join() && s.scenarios.length === 5 && s.duration >= 10 && s.rounds >= 2 && s.connections === 50 && s.nodeFlags.length === 0 && (saved.scaling?.length ?? 0) > 0
const target = output ? path.resolve(output) : full ? path.join(ROOT_DIR, 'docs', 'benchmarks.md') : path.join(BENCH_DIR, 'results', 'last-run.md')
writeReport(target, meta, stacks, saved.rounds, saved.scaling ?? [])
console.log(`wrote ${path.relative(ROOT_DIR, target)} from ${file}`)
