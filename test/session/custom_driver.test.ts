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
