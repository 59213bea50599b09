/** The messages between run.ts and the load-generator process (load.ts). */
import type { Kind, Unit } from './scenarios'

export type ToLoad =
  /**
   * sessions: how many to create (GET /seed?bytes=N pads each with N bytes); forms: also fetch
   * each one's CSRF token from GET /signup (for S3 and S4).
   */
  | { type: 'seed', baseUrl: string, sessions: number, bytes: number, forms: boolean }
  /**
   * With more sessions than connections, each connection takes its own sessions in turn, one
   * per request (one per S3+S4 pair); with fewer, connections share them.
   */
  | { type: 'run', baseUrl: string, unit: Unit, connections: number, warmup: number, duration: number, perSessionCounter: boolean }

export type FromLoad =
  | { type: 'seeded' }
  | { type: 'measuring' }
  | { type: 'result', result: UnitResult }
  | { type: 'failed', message: string }

/** The figures of one kind of request in one measured run. */
export interface KindResult {
  count: number
  /** Responses of this kind per second of the run. */
  rps: number
  p50: number
  p99: number
  mean: number
  /** Responses by status code. */
  statuses: Record<string, number>
  /** Responses with another status than the scenario's (200, or 302 for S3). */
  unexpected: number
}

/** Problems seen while a run was going: all of them should be 0. */
export interface Problems {
  unexpected: number
  errors: number
  timeouts: number
  mismatches: number
  examples: string[]
}

export interface UnitResult {
  unit: Unit
  /** Seconds the measured run took. */
  seconds: number
  kinds: Partial<Record<Kind, KindResult>>
  measured: Problems
  warmup: Problems
  /** CPU the load generator used during the measured run, as a share of one core. */
  loadCpu: number
}
