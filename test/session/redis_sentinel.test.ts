/**
 * The redis driver on a real Sentinel set (a master, a replica, three sentinels, passwords
 * everywhere): the app finds the master through the sentinels, and when the master is killed
 * under load it answers quick 503s until the sentinels promote the replica, then follows it.
 */
import { randomBytes } from 'node:crypto'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture, TEST_KEY } from '../helpers/apps'
import { replicated, startRedisSentinels, type RedisSentinelSet } from '../helpers/redis_servers'
import { failoverUnderLoad, SessionLoad, storedValue } from '../helpers/session_load'
import { get, put } from './session_contract'

const PREFIX = `test:sentinel:${randomBytes(6).toString('hex')}:`
let set: RedisSentinelSet
let app: AppClient

beforeAll(async () => {
  set = await startRedisSentinels()
  // As an environment would give it: comma-separated sentinels, the master's name apart.
  app = await testClient(fixture('session_app'), {
    env: {
      APP_KEY: TEST_KEY,
      SESSION_DRIVER: 'redis',
      REDIS_URL: undefined,
      REDIS_SENTINELS: set.sentinels.map((sentinel) => sentinel.url).join(','),
      REDIS_SENTINEL_NAME: set.name,
      REDIS_PREFIX: PREFIX,
    },
  })
}, 60_000)

afterAll(async () => {
  await app?.close()
  await set?.stop()
})

describe('Session | redis driver behind Sentinel', () => {
  it('keeps sessions on the master the sentinels name', async () => {
    const client = app.newClient()
    await put(client, 'cart', ['book'])
    expect(await get(client, 'cart')).toEqual(['book'])
    const keys = (await set.master.cli('--scan', '--pattern', `${PREFIX}*`)).split('\n').filter(Boolean)
    expect(keys).toHaveLength(1)
  })

  it('answers 503 quickly while the master fails over under load, never a 500 or a hang, and follows the promoted replica', async () => {
    const load = new SessionLoad([app.url], 12)
    await load.prepare()
    await replicated([set.master, set.replica])
    const { report, promotedMs, recoveredMs } = await failoverUnderLoad(load, () => set.master.kill(),
      async () => (await set.replica.info('role')) === 'master')
    console.log(`Sentinel, master killed under load (${load.users} users): ${JSON.stringify(report.counts)} answers, ` +
      `slowest ${report.slowestMs} ms, 503s for ${report.outageMs} ms, replica promoted after ${promotedMs} ms, ` +
      `every user served again after ${recoveredMs} ms`)
    expect(Object.keys(report.counts).sort()).toEqual(['200', '503'])
    expect(report.slowestMs).toBeLessThan(5000)
    for (let user = 0; user < load.users; user++) {
      expect(await storedValue(app.url, load.cookie(user), 'origin')).toBe(`user-${user}`)
      expect(await storedValue(app.url, load.cookie(user), 'counter')).toBe(report.acknowledged[user])
    }
  }, 120_000)
})
