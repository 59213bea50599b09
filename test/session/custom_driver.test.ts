import { removeApp, tempApp } from '../helpers/apps'
import { testClient } from 'adonis-lite/testing'

describe('Session | custom drivers', () => {
  it('uses a driver registered with Session.extend()', async () => {
    const root = tempApp({
      'start/routes.ts': `import { Route, Session } from 'adonis-lite'
const saved = new Map<string, string>()
Session.extend('recording', () => ({
  read: (id) => saved.has(id) ? JSON.parse(saved.get(id)!) : null,
  write: (id, commit) => { saved.set(id, JSON.stringify(commit.values)) },
  touch: () => {},
  destroy: (id) => { saved.delete(id) },
}))
Route.get('/put', function * (request, response) { yield request.session.put('n', 1); response.json({ size: saved.size }) })
Route.get('/get', function * (request, response) { response.json({ n: yield request.session.get('n'), size: saved.size }) })
`,
      'config/session.js': "module.exports = { driver: 'recording' }\n",
    })
    const app = await testClient(root)
    try {
      const client = app.newClient()
      expect((await client.get('/put')).json()).toEqual({ size: 0 })
      expect((await client.get('/get')).json()).toEqual({ n: 1, size: 1 })
    } finally {
      await app.close()
      removeApp(root)
    }
  })
})

describe('Session | SessionManager.extend, as AdonisJs 3 apps registered drivers', () => {
  async function withDriver (registration: string, check: (client: ReturnType<Awaited<ReturnType<typeof testClient>>['newClient']>) => Promise<void>) {
    const root = tempApp({
      'start/routes.ts': `import { Route, SessionManager } from 'adonis-lite'
const saved = new Map<string, string>()
const store = {
  read: (id) => saved.has(id) ? JSON.parse(saved.get(id)!) : null,
  write: (id, commit) => { saved.set(id, JSON.stringify(commit.values)) },
  touch: () => {},
  destroy: (id) => { saved.delete(id) },
}
let refused = null
try { SessionManager.extend('broken', { read: 1 } as never) } catch (error) { refused = error.code }
${registration}
Route.get('/put', function * (request, response) { yield request.session.put('n', 1); response.json({ size: saved.size, refused }) })
Route.get('/get', function * (request, response) { response.json({ n: yield request.session.get('n'), size: saved.size }) })
`,
      'config/session.js': "module.exports = { driver: 'mongo' }\n",
    })
    const app = await testClient(root)
    try {
      await check(app.newClient())
    } finally {
      await app.close()
      removeApp(root)
    }
  }

  it('v3: SessionManager.extend(name, store) registers a store built already', async () => {
    await withDriver("SessionManager.extend('mongo', store)", async (client) => {
      expect((await client.get('/put')).json()).toEqual({ size: 0, refused: 'E_INVALID_SESSION_DRIVER' })
      expect((await client.get('/get')).json()).toEqual({ n: 1, size: 1 })
    })
  })

  it('v3: SessionManager.extend(name, factory) registers a driver built from the session config', async () => {
    await withDriver("SessionManager.extend('mongo', (config) => { if (config.driver !== 'mongo') throw new Error('config'); return store })", async (client) => {
      await client.get('/put')
      expect((await client.get('/get')).json()).toEqual({ n: 1, size: 1 })
    })
  })
})
