/**
 * What a cache lookup costs for a cookie token of each size, the token being a new string each
 * time as a parsed Cookie header gives it: a Map keyed by the whole token (it hashes every
 * character) against TokenCache (its last characters, then one compare of the whole).
 * `node --require tsx/cjs bench/micro/token_cache.ts`. Nanoseconds per lookup, a hit each time.
 */
import crypto from 'node:crypto'
import { BoundedCache, TokenCache } from '../../framework/support/bounded_cache'

const ENTRIES = 5_000
const LOOKUPS = 200_000

function token (length: number): string {
  return crypto.randomBytes(length).toString('base64url').slice(0, length)
}

/** Nanoseconds per lookup of a fresh copy of `wanted`, cut out of a Cookie header as a parser does. */
function timeLookups (lookup: (key: string) => unknown, wanted: string): number {
  const header = `theme=dark; adonis-session-data=${wanted}; lang=en`
  const start = header.indexOf('=', 12) + 1
  let hits = 0
  const started = process.hrtime.bigint()
  for (let index = 0; index < LOOKUPS; index++) {
    // A new header string each time, so the key's hash is never cached in the string.
    const fresh = (index & 1 ? header : `${header} `).slice(start, start + wanted.length)
    if (lookup(fresh) !== undefined) hits++
  }
  const nanoseconds = Number(process.hrtime.bigint() - started) / LOOKUPS
  if (hits !== LOOKUPS) throw new Error(`expected ${LOOKUPS} hits, got ${hits}`)
  return nanoseconds
}

for (const length of [100, 600, 4_000]) {
  const wanted = token(length)
  const whole = new BoundedCache<string, number>(ENTRIES)
  const tail = new TokenCache<number>(ENTRIES)
  for (let index = 1; index < ENTRIES; index++) {
    const other = token(length)
    whole.set(other, index)
    tail.set(other, index)
  }
  whole.set(wanted, 0)
  tail.set(wanted, 0)
  const results = [['whole token', (key: string) => whole.get(key)], ['TokenCache', (key: string) => tail.get(key)]] as const
  const row = results.map(([name, lookup]) => `${name} ${timeLookups(lookup, wanted).toFixed(0)} ns`)
  console.log(`${length.toLocaleString('en')} characters: ${row.join(', ')}`)
}
