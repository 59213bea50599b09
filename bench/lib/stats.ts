/** Small numeric helpers for latencies and rounds. */

/** The p-th percentile (0-100) of a list of numbers, nearest rank. */
export function percentile (values: number[] | Float64Array, p: number): number {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export function mean (values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((sum, value) => sum + value, 0) / values.length
}

/** How far apart the largest and smallest values are, relative to the smallest. */
export function spread (values: number[]): number {
  if (values.length < 2) return 0
  const low = Math.min(...values)
  return low > 0 ? (Math.max(...values) - low) / low : 0
}

/** A growable list of latencies in milliseconds. */
export class Samples {
  #values = new Float64Array(1 << 16)
  #length = 0

  push (value: number): void {
    if (this.#length === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2)
      bigger.set(this.#values)
      this.#values = bigger
    }
    this.#values[this.#length++] = value
  }

  get length (): number {
    return this.#length
  }

  /** Several percentiles (0-100) from one sort. */
  percentiles (ps: number[]): number[] {
    const sorted = this.#values.slice(0, this.#length).sort()
    return ps.map((p) => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!)
  }

  mean (): number {
    let sum = 0
    for (let index = 0; index < this.#length; index++) sum += this.#values[index]!
    return this.#length === 0 ? NaN : sum / this.#length
  }
}
