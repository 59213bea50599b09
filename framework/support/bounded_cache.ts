/**
 * A Map that forgets its oldest entries beyond a size, for results that are costly to compute
 * and asked for again and again (a browser sends the same signed cookie on every request).
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>()
  readonly #limit: number

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
    if (this.#entries.size >= this.#limit) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    this.#entries.set(key, value)
  }
}
