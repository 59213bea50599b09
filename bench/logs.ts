/**
 * `npm run bench:logs`: what a line per request costs. The S1 scenario (GET /cart: reads the
 * session, renders a view) on adonis-lite with the cookie driver, with request logging off and
 * then on, writing to a file (logger.requestLog, logger.destination), taking turns for
 * BENCH_ROUNDS rounds. Prints req/s of each and the ratio; the target is on >= 90% of off.
 * Settings as for `npm run bench` (BENCH_DURATION, BENCH_WARMUP, BENCH_ROUNDS, BENCH_CONNECTIONS).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { measureSetup } from './lib/measure'
import { readOptions } from './lib/options'
import { ALL_STACKS, type Stack } from './lib/stacks'

const TARGET = 0.9

async function main (): Promise<number> {
  // The servers run bin/adonis-lite, which runs dist/: build it when framework/ changed.
  (require('../scripts/build.js') as { buildIfStale (): boolean }).buildIfStale()
  const options = readOptions({ ...process.env, BENCH_STACKS: 'adonis-cookie', BENCH_SCENARIOS: 'S1' })
  const base = ALL_STACKS.find((stack) => stack.name === 'adonis-cookie')!
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-bench-logs-'))
  const logFile = path.join(dir, 'requests.log')
  const variants: Array<{ name: string, stack: Stack }> = [
    { name: 'off', stack: base },
    { name: 'on', stack: { ...base, command: { ...base.command, env: { ...base.command.env, BENCH_REQUEST_LOG: 'true', BENCH_LOG_FILE: logFile } } } },
  ]
  const rps: Record<string, number[]> = { off: [], on: [] }
  /** Requests per second of server CPU: what a request costs, less swayed than req/s by other processes on the machine. */
  const perCpu: Record<string, number[]> = { off: [], on: [] }
  try {
    say(`request logging, S1 on adonis-cookie: ${options.rounds} round(s) of ${options.warmup} s warm-up + ${options.duration} s, ${options.connections} connections`)
    for (let round = 1; round <= options.rounds; round++) {
      for (const { name, stack } of variants) {
        const measured = await measureSetup(stack, { routes: 0, sessions: options.connections, bytes: 0 }, ['S1'], options, null, `logging ${name}`)
        if (measured.failure) throw new Error(`logging ${name}: ${measured.failure}`)
        const kept = measured.units.S1!
        const figure = kept.result.kinds.S1!
        rps[name]!.push(figure.rps)
        if (kept.serverCpu) perCpu[name]!.push(figure.count / kept.serverCpu)
      }
    }
    const lines = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').length - 1 : 0
    if (lines === 0) throw new Error(`logging on wrote no line to ${logFile}`)
    const off = best(rps.off!)
    const on = best(rps.on!)
    say(`\nlogging off: ${off.toFixed(0)} req/s (runs: ${rps.off!.map((value) => value.toFixed(0)).join(', ')})`)
    say(`logging on:  ${on.toFixed(0)} req/s (runs: ${rps.on!.map((value) => value.toFixed(0)).join(', ')}), ${lines} lines written`)
    say(`on / off: ${(on / off * 100).toFixed(1)}% (target: at least ${TARGET * 100}%)`)
    if (perCpu.off!.length > 0 && perCpu.on!.length > 0) {
      const [cpuOff, cpuOn] = [best(perCpu.off!), best(perCpu.on!)]
      say(`per second of server CPU: off ${cpuOff.toFixed(0)}, on ${cpuOn.toFixed(0)} requests: on / off ${(cpuOn / cpuOff * 100).toFixed(1)}%`)
    }
    return on / off >= TARGET ? 0 : 1
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The best run of each: the least disturbed by the rest of a shared machine. */
function best (values: number[]): number {
  return Math.max(...values)
}

function say (line: string): void {
  process.stdout.write(`${line}\n`)
}

main().then((code) => { process.exitCode = code }, (error: Error) => {
  process.stderr.write(`${error.stack ?? error}\n`)
  process.exitCode = 1
})
