/**
 * CPU time from /proc (Linux): of one process, and of the whole machine. Used to report the
 * server's CPU per request and how busy the rest of the machine was during a run. Where /proc
 * is missing every reading is null and the report leaves the figures out.
 */
import fs from 'node:fs'

/** Linux reports CPU time in ticks of 1/100 s. */
const CLOCK_TICKS = 100

/** CPU seconds (user + system) a process has used so far. */
export function processCpuSeconds (pid: number | null): number | null {
  if (pid === null) return null
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return null
  }
}

/**
 * CPU seconds every process of the machine has used, and time stolen by the hypervisor (from
 * /proc/stat). Interrupt time is left out: on loopback it is mostly the benchmark's own traffic.
 */
export function machineCpuSeconds (): number | null {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    const [user, nice, system, , , , , steal] = fields
    return (user! + nice! + system! + (steal ?? 0)) / CLOCK_TICKS
  } catch {
    return null
  }
}

/** CPU seconds of the machine, the server and Redis at one moment. */
export interface CpuReading {
  at: number
  machine: number | null
  server: number | null
  redis: number | null
}

export function readCpu (serverPid: number, redisPid: number | null): CpuReading {
  return { at: performance.now(), machine: machineCpuSeconds(), server: processCpuSeconds(serverPid), redis: processCpuSeconds(redisPid) }
}

/** CPU seconds used between two readings; `others` is what neither the server, Redis nor the load generator used. */
export function cpuBetween (before: CpuReading, after: CpuReading, loadSeconds = 0): { server: number | null, redis: number | null, others: number | null } {
  const server = before.server !== null && after.server !== null ? after.server - before.server : null
  const redis = before.redis !== null && after.redis !== null ? after.redis - before.redis : null
  const machine = before.machine !== null && after.machine !== null ? after.machine - before.machine : null
  const others = machine !== null && server !== null ? Math.max(0, machine - server - (redis ?? 0) - loadSeconds) : null
  return { server, redis, others }
}

/** Other processes count as quiet below this share of one core. */
const QUIET_SHARE = 0.25

/**
 * Waits (at most `maxSeconds`) until the rest of the machine uses less than a quarter of a core
 * over a second, so that a run does not start in the middle of someone else's work. Returns
 * the seconds waited.
 */
export async function waitForQuiet (serverPid: number, redisPid: number | null, maxSeconds: number): Promise<number> {
  const started = performance.now()
  while ((performance.now() - started) / 1000 < maxSeconds) {
    const before = readCpu(serverPid, redisPid)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const after = readCpu(serverPid, redisPid)
    const { others } = cpuBetween(before, after)
    if (others === null || others / ((after.at - before.at) / 1000) < QUIET_SHARE) break
  }
  return (performance.now() - started) / 1000 - 1
}
