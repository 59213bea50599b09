/**
 * RE2 (re2js), the engine of every pattern matched against user input: its time is linear in
 * the input whatever the pattern. Required on the first pattern compiled, not at boot: it is
 * a large module, and a cold start that matches no pattern need not load it (bench/startup.ts).
 */
import type { RE2JS } from 're2js'

export type { RE2JS }

let engine: typeof RE2JS | undefined

/** The RE2JS class, loaded on first use. */
export function re2 (): typeof RE2JS {
  engine ??= (require('re2js') as typeof import('re2js')).RE2JS
  return engine
}
