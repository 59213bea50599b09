/**
 * Several app processes sharing sessions through Redis: two `adonis-lite serve` processes on
 * two ports, and one `serve --workers 2` cluster. Real processes, real Redis, real HTTP.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { TestClient } from 'adonis-lite/testing'
import { BIN, cliEnv, Running, waitForHttp } from '../cli/cli_helpers'
import { freePort } from '../helpers/ports'
import { fixture, TEST_KEY } from '../helpers/apps'
import { get, put } from './session_contract'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const PREFIX = `test:processes:${randomBytes(6).toString('hex')}:`

async function serve (args: string[]): Promise<{ server: Running, url: string }> {
  const port = await freePort()
  const server = new Running(process.execPath, [BIN, 'serve', '--port', String(port), ...args], {
    cwd: fixture('session_app'),
    env: cliEnv({ APP_KEY: TEST_KEY, SESSION_DRIVER: 'redis', REDIS_URL, REDIS_PREFIX: PREFIX, NODE_ENV: 'production' }),
  })
  const url = `http://127.0.0.1:${port}`
  await waitForHttp(`${url}/plain`, (answer) => answer.status === 200, 30_000)
  return { server, url }
}

afterAll(async () => {
  const admin = new Redis(REDIS_URL)
  const keys = await admin.keys(`${PREFIX}*`)
  if (keys.length > 0) await admin.del(...keys)
  await admin.quit()
})

describe('Session | redis driver across processes', () => {
  it('shares sessions between two serve processes on two ports', async () => {
    const [one, two] = await Promise.all([serve([]), serve([])])
    try {
      const browser = new TestClient(one.url)
      const sameBrowserOnTwo = new TestClient(two.url, browser.jar)
      await put(browser, 'cart', ['book'])
      expect(await get(sameBrowserOnTwo, 'cart')).toEqual(['book'])

      // Changes to different keys through both processes at once: both kept.
      await Promise.all([put(browser, 'left', 'L'), put(sameBrowserOnTwo, 'right', 'R')])
      expect((await browser.get('/t/all')).json()).toEqual({ cart: ['book'], left: 'L', right: 'R' })
      const pids = await Promise.all([browser.get('/t/pid'), sameBrowserOnTwo.get('/t/pid')])
      expect(pids[0].json().pid).not.toBe(pids[1].json().pid)
    } finally {
      await Promise.all([one.server.stop(), two.server.stop()])
    }
  }, 60_000)

  it('shares sessions between the workers of serve --workers 2', async () => {
    const { server, url } = await serve(['--workers', '2'])
    try {
      const browser = new TestClient(url)
      await put(browser, 'a', 'shared')
      const seen = new Map<number, unknown>()
      for (let attempt = 0; attempt < 60 && seen.size < 2; attempt++) {
        // A new connection each time, so the cluster can hand it to either worker.
        const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${url}/t/pid?key=a`, {
          headers: { cookie: browser.jar.header(), connection: 'close' },
        }).then((response) => response.json() as Promise<{ pid: number, value: unknown }>)))
        for (const answer of answers) seen.set(answer.pid, answer.value)
      }
      expect(seen.size).toBe(2)
      for (const value of seen.values()) expect(value).toBe('shared')
    } finally {
      await server.stop()
    }
  }, 60_000)
})
