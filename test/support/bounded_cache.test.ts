import { BoundedCache, OldestKeys, TokenCache } from '../../framework/support/bounded_cache'

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

describe('TokenCache', () => {
  const token = 'iv-and-ciphertext-0123456789.abcdefghijklmnopqrstuvwxyz-MAC'

  it('finds a token by its value, whichever string holds it', () => {
    const cache = new TokenCache<number>(10)
    cache.set(token, 1)
    expect(cache.get(`${token.slice(0, 10)}${token.slice(10)}`)).toBe(1)
  })

  it('misses a token that shares the end of a cached one but not the rest', () => {
    const cache = new TokenCache<number>(10)
    cache.set(token, 1)
    for (const forged of [`X${token.slice(1)}`, token.slice(1), `prefix${token}`, token.slice(-22)]) expect(cache.get(forged)).toBeUndefined()
    // The forged one takes the place; the real one is a miss, then set again.
    cache.set(`X${token.slice(1)}`, 2)
    expect(cache.get(token)).toBeUndefined()
    expect(cache.get(`X${token.slice(1)}`)).toBe(2)
  })

  it('keeps tokens shorter than its key', () => {
    const cache = new TokenCache<string>(10)
    cache.set('short', 'a')
    cache.set('', 'b')
    expect([cache.get('short'), cache.get(''), cache.get('shor')]).toEqual(['a', 'b', undefined])
  })

  it('keeps at most its limit', () => {
    const cache = new TokenCache<number>(3)
    const tokens = Array.from({ length: 5 }, (_, index) => `${token}-${index}`)
    tokens.forEach((each, index) => cache.set(each, index))
    expect(tokens.map((each) => cache.get(each))).toEqual([undefined, undefined, 2, 3, 4])
  })
})
