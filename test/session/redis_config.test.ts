/**
 * The redis part of config/session.js: exactly one of url, cluster or sentinels with name;
 * every mistake stops the boot naming the file and the key.
 */
import { describeTarget, redisTarget } from '../../framework/session/stores/redis_config'
import type { RedisSessionConfig } from '../../framework/session/types'

const target = (redis: Partial<RedisSessionConfig>) => redisTarget({ prefix: 'session:', ...redis })

describe('Session | redis config', () => {
  it('defaults to one server on 127.0.0.1:6379 when none of url, cluster and sentinels is given', () => {
    expect(target({})).toEqual({ kind: 'server', url: 'redis://127.0.0.1:6379' })
    expect(target({ url: undefined, cluster: null, sentinels: '' })).toEqual({ kind: 'server', url: 'redis://127.0.0.1:6379' })
  })

  it('reads a cluster from a list or from one comma-separated string, with the credentials all its URLs share', () => {
    const expected = {
      kind: 'cluster',
      nodes: [{ host: 'redis-a', port: 7000 }, { host: 'redis-b', port: 7001 }],
      auth: { username: 'app', password: 's3cret', db: 0, tls: true },
    }
    expect(target({ cluster: ['rediss://app:s3cret@redis-a:7000', 'rediss://app:s3cret@redis-b:7001'] })).toEqual(expected)
    expect(target({ cluster: 'rediss://app:s3cret@redis-a:7000, rediss://app:s3cret@redis-b:7001' })).toEqual(expected)
  })

  it('reads a Sentinel set with the name of its master, a database and a password', () => {
    expect(target({ sentinels: ['redis://:pw@sentinel-a:26379/2', 'redis://:pw@sentinel-b/2'], name: 'mymaster' })).toEqual({
      kind: 'sentinel',
      name: 'mymaster',
      sentinels: [{ host: 'sentinel-a', port: 26379 }, { host: 'sentinel-b', port: 6379 }],
      auth: { username: undefined, password: 'pw', db: 2, tls: false },
    })
  })

  it.each([
    [{ url: 'redis://a:6379', cluster: ['redis://b:7000'] }, 'redis.cluster', /cannot be given with redis\.url/],
    [{ url: 'redis://a:6379', sentinels: ['redis://b:26379'], name: 'm' }, 'redis.sentinels', /cannot be given with redis\.url/],
    [{ cluster: ['redis://a:7000'], sentinels: ['redis://b:26379'], name: 'm' }, 'redis.sentinels', /cannot be given with redis\.cluster/],
    [{ cluster: [] }, 'redis.cluster', /empty list/],
    [{ sentinels: [], name: 'm' }, 'redis.sentinels', /empty list/],
    [{ sentinels: ['redis://b:26379'] }, 'redis.name', /must name the master/],
    [{ name: 'mymaster' }, 'redis.name', /give redis\.sentinels with it/],
    [{ cluster: { a: 1 } as unknown as string[] }, 'redis.cluster', /must be a list of URLs/],
    [{ cluster: ['redis://a:7000/1'] }, 'redis.cluster', /only database 0/],
    [{ cluster: ['redis://:one@a:7000', 'redis://:two@b:7000'] }, 'redis.cluster\\[1\\]', /differs from redis\.cluster\[0\]/],
    [{ sentinels: ['redis://a:26379', 'rediss://b:26379'], name: 'm' }, 'redis.sentinels\\[1\\]', /differs from redis\.sentinels\[0\]/],
    [{ cluster: ['redis://a:7000', 'http://b:7000'] }, 'redis.cluster\\[1\\]', /must start with redis:\/\//],
    [{ url: 'redis://a:0' }, 'redis.url', /port 0/],
  ])('refuses %j at boot, naming config/session.js and %s', (redis, key, problem) => {
    const build = () => target(redis as Partial<RedisSessionConfig>)
    expect(build).toThrow(problem)
    expect(build).toThrow(new RegExp(`^config/session\\.js: ${key} `))
    expect(build).toThrow(expect.objectContaining({ name: 'BootError' }))
  })

  it('never repeats a password, in errors or in the names logs use', () => {
    expect(() => target({ cluster: ['redis://:hunter2@a:7000', 'redis://:other@b:7000'] }))
      .toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }))
    expect(describeTarget(target({ url: 'redis://u:hunter2@a:6379/1' }))).toBe('redis://a:6379/1')
    expect(describeTarget(target({ cluster: ['rediss://u:hunter2@a:7000', 'rediss://u:hunter2@b:7000'] })))
      .toBe('Redis Cluster rediss://a:7000, rediss://b:7000')
    expect(describeTarget(target({ sentinels: 'redis://:hunter2@s:26379', name: 'mymaster' })))
      .toBe("Sentinel master 'mymaster' via redis://s:26379")
  })
})
