/**
 * What one anonymous visitor can make the server keep: nothing for viewing a page with a form
 * (its CSRF secret travels in a signed cookie until the visitor has a session), and never more
 * than `memory.maxSessions` sessions in the memory store, however many visitors come.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import type { MemoryStore } from '../../framework/session/stores/memory_store'
import { TEST_KEY } from '../helpers/apps'
import { csrfOf } from '../helpers/html'

const DEMO_APP = path.join(__dirname, '..', '..')

/** Signs up with a bad email: the form comes back with the errors kept in a new session. */
async function failSignUp (app: AppClient, client: TestClient): Promise<void> {
  const form = await client.get('/signup')
  const posted = await client.post('/signup', { email: 'not an email', _csrf: csrfOf(form.text) }, { headers: { referer: `${app.url}/signup` } })
  expect(posted.status).toBe(302)
}

describe('Security | resources an anonymous visitor can make the server keep', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-visitors-'))
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }))

  it('stores no session for a visitor who only views a page with a form (memory driver)', async () => {
    const app = await testClient(DEMO_APP, { config: { session: { driver: 'memory' } }, env: { APP_KEY: TEST_KEY }, production: true })
    try {
      for (let visitor = 0; visitor < 100; visitor++) {
        const page = await app.newClient().get('/signup')
        expect(page.cookies.map((cookie) => cookie.name)).toEqual(['adonis-session-csrf'])
      }
      expect((app.app.sessions.store as MemoryStore).size).toBe(0)
    } finally {
      await app.close()
    }
  })

  it('writes no session file for a visitor who only views a page with a form, and accepts their token', async () => {
    const app = await testClient(DEMO_APP, { config: { session: { driver: 'file', file: { directory } } }, env: { APP_KEY: TEST_KEY }, production: true })
    try {
      for (let visitor = 0; visitor < 50; visitor++) await app.newClient().get('/signup')
      expect(fs.existsSync(directory) ? fs.readdirSync(directory) : []).toEqual([])

      const client = app.newClient()
      const token = csrfOf((await client.get('/signup')).text)
      const signedUp = await client.post('/signup', { email: 'visitor@example.com', password: 'secret1', _csrf: token })
      expect(signedUp.status).toBe(302)
      expect((await client.get('/account')).text).toContain('Signed in as visitor@example.com')
    } finally {
      await app.close()
    }
  })

  it('refuses a visitor token with another visitor\'s cookie, and a cookie it did not sign', async () => {
    const app = await testClient(DEMO_APP, { config: { session: { driver: 'memory' } }, env: { APP_KEY: TEST_KEY }, production: true })
    try {
      const alice = app.newClient()
      const bob = app.newClient()
      const aliceToken = csrfOf((await alice.get('/signup')).text)
      await bob.get('/signup')
      const json = { accept: 'application/json' }
      expect((await bob.post('/signup', { email: 'a@example.com', password: 'secret1', _csrf: aliceToken }, { headers: json })).status).toBe(403)
      const forger = app.newClient()
      forger.jar.set('adonis-session-csrf', `${'A'.repeat(43)}.${'B'.repeat(43)}`)
      expect((await forger.post('/signup', { email: 'a@example.com', password: 'secret1', _csrf: aliceToken }, { headers: json })).status).toBe(403)
    } finally {
      await app.close()
    }
  })

  it('keeps at most memory.maxSessions sessions, dropping the least recently used', async () => {
    const app = await testClient(DEMO_APP, { config: { session: { driver: 'memory', memory: { maxSessions: 20 } } }, env: { APP_KEY: TEST_KEY }, production: true })
    try {
      const first = app.newClient()
      await failSignUp(app, first)
      const kept = app.newClient()
      await failSignUp(app, kept)
      for (let visitor = 0; visitor < 40; visitor++) {
        await failSignUp(app, app.newClient())
        await kept.get('/signup') // used now and then: never the least recent
      }
      expect((app.app.sessions.store as MemoryStore).size).toBe(20)
      // The flashed errors show only while the session lives.
      await failSignUp(app, kept)
      expect((await kept.get('/signup')).text).toContain('must be a valid email')
      // The first visitor's session went: the errors it flashed and never read are gone with it.
      expect(first.jar.get('adonis-session')).toBeDefined()
      expect((await first.get('/signup')).text).not.toContain('must be a valid email')
    } finally {
      await app.close()
    }
  })
})
