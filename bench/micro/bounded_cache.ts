/**
 * What one insert costs a cache trimmed to its limit, with a new key on every insert (a cookie
 * store with more sessions than its cache): the oldest key found with `keys().next()` on a new
 * iterator, as the cache did before, against the iterator kept from one eviction to the next
 * (OldestKeys). `node --require tsx/cjs bench/micro/bounded_cache.ts`. Nanoseconds per insert.
 */
import { BoundedCache } from '../../framework/support/bounded_cache'

function firstKeyCache (limit: number) {
  const entries = new Map<string, number>()
  return (key: string, value: number) => {
    if (entries.size >= limit) entries.delete(entries.keys().next().value!)
    entries.set(key, value)
  }
}

function keptIteratorCache (limit: number) {
  const cache = new BoundedCache<string, number>(limit)
  return (key: string, value: number) => { cache.set(key, value) }
}

const keys = Array.from({ length: 400_000 }, (_, index) => `token-${index}-${'x'.repeat(300)}`)

for (const limit of [500, 5_000, 50_000]) {
  const row: string[] = []
  for (const [name, make] of [['keys().next()', firstKeyCache], ['kept iterator', keptIteratorCache]] as const) {
    const set = make(limit)
    for (let index = 0; index < limit * 2; index++) set(keys[index]!, index)
    const inserts = 200_000
    const started = process.hrtime.bigint()
    for (let index = 0; index < inserts; index++) set(keys[(limit * 2 + index) % keys.length]!, index)
    row.push(`${name} ${(Number(process.hrtime.bigint() - started) / inserts).toFixed(0)} ns`)
  }
  console.log(`limit ${limit.toLocaleString('en')}: ${row.join(', ')}`)
}
