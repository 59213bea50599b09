/**
 * Logs over real HTTP: one line per request with its id, X-Request-Id sent back (taken from the
 * request when it is safe), errors logged with the request id, and Logger for app code. Lines
 * go to a file (config/app.ts logger.destination) that the tests read back.
 */
import fs from 'node:fs'
import path from 'node:path'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { boot } from '../../framework/ignitor'
import { flushLogger } from '../../framework/logger'
import { removeApp, tempApp, TEST_KEY } from '../helpers/apps'

const ROUTES = `import { Route, Logger } from 'adonis-lite'
const billing = Logger.child({ module: 'billing' })
Route.get('/', (request, response) => { response.send(request.id()) })
Route.get('/charge', (request, response) => { billing.info({ reqId: request.id() }, 'charged'); response.send('ok') })
Route.get('/boom', () => { throw new Error('kaboom') })
`

/** The lines written so far (file lines are written in the background: flushed first). */
async function logLines (root: string, client: AppClient): Promise<Array<Record<string, unknown>>> {
  await flushLogger(client.app.logger)
  const file = path.join(root, 'storage', 'app.log')
  if (!fs.existsSync(file)) return []
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
}

function start (root: string, logger: Record<string, unknown>, production = false): Promise<AppClient> {
  return testClient(root, { production, env: { APP_KEY: TEST_KEY }, config: { app: { logger: { level: 'info', destination: 'storage/app.log', pretty: false, ...logger } } } })
}

describe('Logging | request lines and request ids', () => {
  let root: string
  beforeEach(() => { root = tempApp({ 'start/routes.ts': ROUTES }) })
  afterEach(() => removeApp(root))

  it('logs one line per request in development: method, path, status, ms and the request id', async () => {
    const client = await start(root, {})
    try {
      const answer = await client.get('/?q=1')
      const id = answer.headers['x-request-id'] as string
      expect(id).toMatch(/^[0-9a-f-]{36}$/)
      expect(answer.text).toBe(id)
      const line = (await logLines(root, client)).find((entry) => entry.msg === `GET / 200 ${entry.ms}ms`)
      expect(line).toMatchObject({ level: 30, reqId: id, method: 'GET', path: '/', status: 200, ms: expect.any(Number) })
    } finally {
      await client.close()
    }
  })

  it('logs no request lines in production unless logger.requestLog is on, and still sends X-Request-Id', async () => {
    const quiet = await start(root, {}, true)
    try {
      expect((await quiet.get('/')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
      expect(await logLines(root, quiet)).toEqual([])
    } finally {
      await quiet.close()
    }
    const logged = await start(root, { requestLog: true }, true)
    try {
      await logged.get('/missing')
      expect(await logLines(root, logged)).toEqual([expect.objectContaining({ method: 'GET', path: '/missing', status: 404 })])
    } finally {
      await logged.close()
    }
  })

  it('keeps a safe incoming X-Request-Id and replaces one that is too long or carries unsafe characters', async () => {
    const client = await start(root, {})
    try {
      const kept = await client.get('/', { headers: { 'x-request-id': 'edge-7f3a:12.x_y' } })
      expect(kept.headers['x-request-id']).toBe('edge-7f3a:12.x_y')
      expect(kept.text).toBe('edge-7f3a:12.x_y')
      expect((await client.get('/', { headers: { 'x-request-id': 'a'.repeat(128) } })).headers['x-request-id']).toBe('a'.repeat(128))
      for (const unsafe of ['a'.repeat(129), 'x\\r\\ninjected', 'has space', '{"json":1}']) {
        const replaced = await client.get('/', { headers: { 'x-request-id': unsafe } })
        expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
      }
    } finally {
      await client.close()
    }
  })

  it('logs a 500 with its stack and the id of the request that failed', async () => {
    const client = await start(root, { requestLog: false })
    try {
      const answer = await client.get('/boom')
      expect(answer.status).toBe(500)
      const [line] = await logLines(root, client)
      expect(line).toMatchObject({ level: 50, reqId: answer.headers['x-request-id'], method: 'GET', path: '/boom', status: 500, msg: 'GET /boom failed with 500' })
      expect((line!.err as { stack: string }).stack).toContain('kaboom')
    } finally {
      await client.close()
    }
  })

  it('gives app code Logger, whose child loggers add their fields, writing where config/app.ts says', async () => {
    const client = await start(root, { requestLog: false })
    try {
      const answer = await client.get('/charge')
      expect(await logLines(root, client)).toEqual([expect.objectContaining({ level: 30, module: 'billing', msg: 'charged', reqId: answer.headers['x-request-id'] })])
    } finally {
      await client.close()
    }
  })
})

describe('Logging | config/app.ts logger is checked at boot', () => {
  it.each([
    [{ level: 'verbose' }, 'config/app.ts: logger.level must be one of'],
    [{ requestLog: 'yes' }, 'config/app.ts: logger.requestLog must be true or false'],
    [{ destination: '' }, 'config/app.ts: logger.destination must be'],
    ['info', 'config/app.ts: logger must be an object'],
  ])('refuses %j naming the file and the key', (logger, message) => {
    const root = tempApp()
    try {
      process.env.APP_KEY = TEST_KEY
      expect(() => boot({ root, config: { app: { logger } } })).toThrow(message)
    } finally {
      delete process.env.APP_KEY
      removeApp(root)
    }
  })
})
