/**
 * The redis driver on a real Redis Cluster (three masters with a replica each): sessions are
 * one key each, spread over every master, merged like on one server; a master killed under
 * load costs quick 503s for the sessions in its slots, and the app follows its replica.
 */
import { randomBytes } from 'node:crypto'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { SESSION_DEFAULTS } from '../../framework/session/session_config'
import { RedisStore } from '../../framework/session/stores/redis_store'
import { fixture, TEST_KEY } from '../helpers/apps'
import { replicated, startRedisCluster, type RedisCluster } from '../helpers/redis_servers'
import { failoverUnderLoad, SessionLoad, storedValue } from '../helpers/session_load'
import { get, put } from './session_contract'

const PREFIX = `test:cluster:${randomBytes(6).toString('hex')}:`
let cluster: RedisCluster
let app: AppClient

beforeAll(async () => {
  cluster = await startRedisCluster()
  app = await testClient(fixture('session_app'), {
    config: { session: { driver: 'redis', redis: { url: null, cluster: cluster.urls.slice(0, 2), prefix: PREFIX } } },
    env: { APP_KEY: TEST_KEY, REDIS_URL: undefined },
  })
}, 60_000)

afterAll(async () => {
  await app?.close()
  await cluster?.stop()
})

describe('Session | redis driver on Redis Cluster', () => {
  it('keeps each session as one hash on one master, spreads sessions over every master, with the TTL of age', async () => {
    const clients = Array.from({ length: 30 }, () => app.newClient())
    await Promise.all(clients.map((client, index) => put(client, 'user', { id: index })))
    for (const [index, client] of clients.entries()) expect(await get(client, 'user')).toEqual({ id: index })
    const perMaster = await Promise.all((await cluster.masters()).map(async (master) => {
      const keys = (await master.cli('--scan', '--pattern', `${PREFIX}*`)).split('\n').filter(Boolean)
      for (const key of keys) {
        expect(await master.cli('type', key)).toBe('hash')
        expect(Number(await master.cli('pttl', key))).toBeGreaterThan((SESSION_DEFAULTS.age - 1) * 60_000)
      }
      return keys.length
    }))
    expect(perMaster).toHaveLength(3)
    for (const count of perMaster) expect(count).toBeGreaterThan(0)
    expect(perMaster.reduce((sum, count) => sum + count, 0)).toBe(30)
  })

  it('keeps the changes of concurrent requests of one session to different keys', async () => {
    const client = app.newClient()
    await put(client, 'start', true)
    const keys = Array.from({ length: 20 }, (_, index) => `key${index}`)
    await Promise.all(keys.map((key) => put(client.clone(), key, key.toUpperCase())))
    const all = (await client.get('/t/all')).json()
    for (const key of keys) expect(all[key]).toBe(key.toUpperCase())
  })

  it('writes nothing for changes to a session that was destroyed since it was read', async () => {
    const store = new RedisStore({ ...SESSION_DEFAULTS, driver: 'redis', redis: { cluster: cluster.urls, prefix: PREFIX } }, {
      root: __dirname, encrypt: (text) => text, decrypt: (text) => text, log: { warn: () => {}, error: () => {} },
    })
    try {
      const id = randomBytes(12).toString('hex')
      await store.write(id, { values: { a: 1 }, changes: null })
      await store.destroy(id)
      await store.write(id, { values: { a: 1, b: 2 }, changes: new Map([['b', 2]]) })
      expect(await store.read(id)).toBeNull()
    } finally {
      await store.close()
    }
  })

  it('answers 503 quickly while a master fails over under load, never a 500 or a hang, and follows the new master', async () => {
    const load = new SessionLoad([app.url], 24)
    await load.prepare()
    await replicated(cluster.nodes)
    const masters = await cluster.masters()
    const victim = masters[0]!
    const { report, promotedMs, recoveredMs } = await failoverUnderLoad(load, () => victim.kill(), async () => {
      const alive = await cluster.masters()
      if (alive.length !== 3) return false
      const states = await Promise.all(alive.map((master) => master.cli('cluster', 'info').catch(() => '')))
      return states.every((state) => /cluster_state:ok/.test(state))
    })
    console.log(`Redis Cluster, master killed under load (${load.users} users): ${JSON.stringify(report.counts)} answers, ` +
      `slowest ${report.slowestMs} ms, 503s for ${report.outageMs} ms, new master after ${promotedMs} ms, ` +
      `every user served again after ${recoveredMs} ms`)
    expect(Object.keys(report.counts).sort()).toEqual(['200', '503'])
    expect(report.slowestMs).toBeLessThan(5000)
    // Every session written before the failover is still there, on whichever master holds it now.
    for (let user = 0; user < load.users; user++) {
      expect(await storedValue(app.url, load.cookie(user), 'origin')).toBe(`user-${user}`)
      expect(await storedValue(app.url, load.cookie(user), 'counter')).toBe(report.acknowledged[user])
    }
  }, 120_000)
})
