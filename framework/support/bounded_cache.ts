/**
 * A Map that forgets its oldest entries beyond a size, for results that are costly to compute
 * and asked for again and again (a browser sends the same signed cookie on every request).
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>()
  readonly #limit: number
  readonly #oldest = new OldestKeys(this.#entries)

  constructor (limit: number) {
    this.#limit = limit
  }

  get (key: K): V | undefined {
    return this.#entries.get(key)
  }

  delete (key: K): void {
    this.#entries.delete(key)
  }

  set (key: K, value: V): void {
    if (this.#entries.size >= this.#limit && !this.#entries.has(key)) this.#oldest.evict()
    this.#entries.set(key, value)
  }
}

/** Characters of a token's end that key a TokenCache: 132 bits, at least 128 of them from its MAC (a signature, or AES-GCM's tag). */
const TOKEN_TAIL = 22

/**
 * A BoundedCache for tokens that end in a MAC (signed and encrypted cookies), keyed by their
 * last characters and confirmed by comparing the whole token. A Map hashes a string key in full,
 * at about 2 ns a character, and a cookie is a new string on every request: a 600-character
 * token cost 1.2 µs a lookup, a 4 KB one 6.9 µs. The tail hashes in constant time, and comparing
 * the whole token is a memory compare, about ten times faster than hashing it
 * (bench/micro/token_cache.ts). A token that shares another's tail but not its body misses,
 * and replacing the entry costs only a cache miss.
 */
export class TokenCache<V> {
  readonly #entries: BoundedCache<string, { token: string, value: V }>

  constructor (limit: number) {
    this.#entries = new BoundedCache(limit)
  }

  get (token: string): V | undefined {
    const entry = this.#entries.get(token.slice(-TOKEN_TAIL))
    return entry !== undefined && entry.token === token ? entry.value : undefined
  }

  set (token: string, value: V): void {
    this.#entries.set(token.slice(-TOKEN_TAIL), { token, value })
  }
}

/**
 * Takes out a Map's oldest key in constant time. A Map leaves a hole for each deleted entry
 * until it rehashes, and `keys().next()` on a new iterator walks over every hole before the
 * first entry: trimming a churning Map that way cost time in proportion to the entries it had
 * evicted (bench/HISTORY.md). One iterator kept from one eviction to the next walks each hole
 * once. Entries deleted before it reaches them are skipped, and entries set again (after
 * delete) come up at their new place, as the language defines iteration over a changing Map:
 * it always yields the oldest key left.
 */
export class OldestKeys<K> {
  readonly #map: Map<K, unknown>
  #cursor: Iterator<K>

  constructor (map: Map<K, unknown>) {
    this.#map = map
    this.#cursor = map.keys()
  }

  evict (): void {
    let next = this.#cursor.next()
    if (next.done === true) {
      this.#cursor = this.#map.keys()
      next = this.#cursor.next()
    }
    if (next.done !== true) this.#map.delete(next.value)
  }
}
