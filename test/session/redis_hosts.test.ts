/**
 * Several hosts: two app hosts and a Redis host, each in a network namespace of its own with
 * its own address (as root, as CI runs). A session written through one host is read and
 * changed through the other, and concurrent writes through both are kept.
 */
import { execFileSync, type ChildProcess } from 'node:child_process'
import { TestClient } from 'adonis-lite/testing'
import { BIN, cliEnv, waitForHttp } from '../cli/cli_helpers'
import { fixture, TEST_KEY } from '../helpers/apps'
import { createHosts, type HostNetwork } from '../helpers/network_namespaces'
import { REDIS_PASSWORD, until } from '../helpers/redis_servers'
import { get, put } from './session_contract'

let network: HostNetwork
const output: string[] = []
let apps: string[] = []

function collect (child: ChildProcess, who: string): void {
  child.stdout!.on('data', (chunk) => output.push(`${who}: ${chunk}`))
  child.stderr!.on('data', (chunk) => output.push(`${who}: ${chunk}`))
}

beforeAll(async () => {
  network = createHosts(3)
  const [redisHost, ...appHosts] = network.hosts
  const redis = redisHost!.spawn('redis-server', ['--bind', redisHost!.address, '--port', '6379', '--requirepass', REDIS_PASSWORD,
    '--save', '', '--appendonly', 'no', '--daemonize', 'no'], process.env)
  collect(redis, 'redis host')
  await until(() => {
    try {
      return execFileSync('redis-cli', ['-h', redisHost!.address, '-a', REDIS_PASSWORD, '--no-auth-warning', 'ping'], { timeout: 2000, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim() === 'PONG'
    } catch {
      return false
    }
  }, 20_000, `Redis on ${redisHost!.address}`)
  apps = appHosts.map((host) => `http://${host.address}:3333`)
  for (const [index, host] of appHosts.entries()) {
    const app = host.spawn(process.execPath, [BIN, 'serve'], cliEnv({
      APP_KEY: TEST_KEY,
      NODE_ENV: 'production',
      HOST: host.address,
      PORT: '3333',
      SESSION_DRIVER: 'redis',
      REDIS_URL: `redis://:${REDIS_PASSWORD}@${redisHost!.address}:6379`,
    }), fixture('session_app'))
    collect(app, `app host ${index + 1}`)
  }
  try {
    await Promise.all(apps.map((url) => waitForHttp(`${url}/plain`, (answer) => answer.status === 200, 60_000)))
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output.join('')}`)
  }
}, 120_000)

afterAll(() => network?.remove())

describe('Session | redis driver across hosts', () => {
  it('reads and changes through one host a session written through another', async () => {
    const browser = new TestClient(apps[0]!)
    const sameBrowserOnOtherHost = new TestClient(apps[1]!, browser.jar)
    await put(browser, 'cart', ['book'])
    expect(await get(sameBrowserOnOtherHost, 'cart')).toEqual(['book'])
    await put(sameBrowserOnOtherHost, 'cart', ['book', 'pen'])
    expect(await get(browser, 'cart')).toEqual(['book', 'pen'])
  })

  it('keeps concurrent writes of one session to different keys through both hosts', async () => {
    const browser = new TestClient(apps[0]!)
    await put(browser, 'start', true)
    const writes = Array.from({ length: 20 }, (_, index) => put(new TestClient(apps[index % 2]!, browser.jar.copy()), `key${index}`, index))
    await Promise.all(writes)
    const all = (await new TestClient(apps[1]!, browser.jar).get('/t/all')).json()
    for (let index = 0; index < 20; index++) expect(all[`key${index}`]).toBe(index)
  })
})
