/**
 * Session ids: at least 128 random bits. Ids issued over HTTP are 32 base64url characters
 * (192 bits) and never repeat; generated ids show no bias in any bit and no shared prefixes.
 */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { isSessionId, newSessionId } from '../../framework/session/session_id'
import { fixture, TEST_KEY } from '../helpers/apps'

describe('Security | session ids', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(fixture('hardening_app'), { config: { session: { driver: 'memory' } }, env: { APP_KEY: TEST_KEY } }) })
  afterAll(() => app.close())

  it('issues ids of at least 128 bits, each one new, over HTTP', async () => {
    const ids = await Promise.all(Array.from({ length: 200 }, async () => {
      const client = app.newClient()
      await client.get('/form')
      return client.jar.get('adonis-session')!.value.split('.')[0]!
    }))
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/)
      expect(Buffer.from(id, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    }
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('draws every bit of an id at random: no bias, no repeats, no shared prefixes', () => {
    const count = 20_000
    const ones = new Array<number>(192).fill(0)
    const seen = new Set<string>()
    let previous = ''
    let longestSharedPrefix = 0
    for (let index = 0; index < count; index++) {
      const id = newSessionId()
      expect(isSessionId(id)).toBe(true)
      seen.add(id)
      const bytes = Buffer.from(id, 'base64url')
      for (let bit = 0; bit < 192; bit++) ones[bit]! += (bytes[bit >> 3]! >> (bit & 7)) & 1
      let shared = 0
      while (shared < id.length && id[shared] === previous[shared]) shared++
      longestSharedPrefix = Math.max(longestSharedPrefix, shared)
      previous = id
    }
    expect(seen.size).toBe(count)
    // Each bit is set in 50% of ids; 20,000 draws put 2 points away at over 5 standard deviations.
    for (const set of ones) expect(Math.abs(set / count - 0.5)).toBeLessThan(0.02)
    // Consecutive ids sharing 6 characters would happen once in 64^6 pairs for random ids.
    expect(longestSharedPrefix).toBeLessThan(6)
  })
})
