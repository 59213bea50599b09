import { BoundedCache, OldestKeys } from '../../framework/support/bounded_cache'

describe('BoundedCache', () => {
  it('keeps at most its limit, forgetting the entries set first', () => {
    const cache = new BoundedCache<string, number>(3)
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) cache.set(key, index)
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => cache.get(key))).toEqual([undefined, undefined, 2, 3, 4])
  })

  it('evicts nothing when a key it holds is set again', () => {
    const cache = new BoundedCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('a', 3)
    expect([cache.get('a'), cache.get('b')]).toEqual([3, 2])
  })

  it('keeps what a Map trimmed at its first key keeps, through deletes and long churn', () => {
    const cache = new BoundedCache<number, number>(100)
    const model = new Map<number, number>()
    for (let key = 0; key < 100_000; key++) {
      cache.set(key, key)
      if (model.size >= 100) model.delete(model.keys().next().value!)
      model.set(key, key)
      if (key % 7 === 0) {
        cache.delete(key - 50)
        model.delete(key - 50)
      }
    }
    for (let key = 0; key < 100_000; key++) expect(cache.get(key)).toBe(model.get(key))
  })
})

describe('OldestKeys', () => {
  it('takes out the least recently set key, a key set again counting from its new place', () => {
    const map = new Map<string, number>([['a', 1], ['b', 2], ['c', 3]])
    const oldest = new OldestKeys(map)
    oldest.evict()
    expect([...map.keys()]).toEqual(['b', 'c'])
    map.delete('b')
    map.set('b', 2) // used again: now the most recent
    oldest.evict()
    expect([...map.keys()]).toEqual(['b'])
    map.set('d', 4)
    oldest.evict()
    oldest.evict()
    expect([...map.keys()]).toEqual([])
    oldest.evict() // nothing left: nothing happens
    map.set('e', 5)
    map.set('f', 6)
    oldest.evict()
    expect([...map.keys()]).toEqual(['f'])
  })
})
