import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'
import { bootSessionApp, get, put, SESSION_COOKIE, sessionContract, type DriverSetup } from './session_contract'

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-sessions-'))
const setup: DriverSetup = { driver: 'file', config: () => ({ file: { directory } }), mergesConcurrentChanges: true }
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }))

sessionContract(setup)

const sessionFiles = () => fs.existsSync(directory) ? fs.readdirSync(directory) : []

describe('Session | file driver specifics', () => {
  it('writes one JSON file per session, named by its id, and no temp files', async () => {
    const app = await bootSessionApp(setup)
    try {
      const c = app.newClient()
      await put(c, 'name', 'Ann')
      const id = (await c.get('/t/id')).json().id
      const file = path.join(directory, `${id}.json`)
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ name: 'Ann' })
      expect(sessionFiles().filter((name) => name.endsWith('.tmp'))).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('keeps the change of each of 40 parallel requests of one client, each to its own key', async () => {
    const app = await bootSessionApp(setup)
    try {
      const c = app.newClient()
      await put(c, 'start', 0)
      await Promise.all(Array.from({ length: 40 }, (_, index) => put(c, `key${index}`, index)))
      const all = (await c.get('/t/all')).json()
      expect(all).toEqual(Object.fromEntries([['start', 0], ...Array.from({ length: 40 }, (_, index) => [`key${index}`, index])]))
    } finally {
      await app.close()
    }
  })

  it('does no file I/O for requests that never touch the session', async () => {
    const app = await bootSessionApp(setup)
    try {
      const before = sessionFiles().length
      await app.newClient().get('/plain')
      await app.newClient().get('/cart')
      expect(sessionFiles().length).toBe(before)
    } finally {
      await app.close()
    }
  })

  it('removes the file on flush and the old file on regenerate', async () => {
    const app = await bootSessionApp(setup)
    try {
      const c = app.newClient()
      await put(c, 'a', 1)
      const first = (await c.get('/t/id')).json().id
      await c.get('/t/regenerate')
      const second = (await c.get('/t/id')).json().id
      expect(fs.existsSync(path.join(directory, `${first}.json`))).toBe(false)
      expect(fs.existsSync(path.join(directory, `${second}.json`))).toBe(true)
      await c.get('/t/flush')
      expect(fs.existsSync(path.join(directory, `${second}.json`))).toBe(false)
    } finally {
      await app.close()
    }
  })

  it('never lets a traversal-shaped id reach the file system', async () => {
    const app = await bootSessionApp(setup)
    try {
      const canary = path.join(directory, '..', `canary-${process.pid}.json`)
      fs.writeFileSync(canary, JSON.stringify({ stolen: true }))
      for (const id of ['../canary', `../canary-${process.pid}`, '..%2Fcanary', '/etc/passwd', 'a'.repeat(32) + '/../x']) {
        const c = app.newClient()
        c.jar.set(SESSION_COOKIE, `${id}.signature`)
        expect(await get(c, 'stolen')).toBeNull()
        await put(c, 'x', 1)
      }
      expect(JSON.parse(fs.readFileSync(canary, 'utf8'))).toEqual({ stolen: true })
      fs.rmSync(canary)
      expect(sessionFiles().every((name) => /^[A-Za-z0-9_-]{32}\.json$/.test(name))).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('ignores an unreadable session file, starting a fresh session', async () => {
    const app = await bootSessionApp(setup)
    try {
      const c = app.newClient()
      await put(c, 'a', 1)
      const id = (await c.get('/t/id')).json().id
      fs.writeFileSync(path.join(directory, `${id}.json`), '{"a": 1, trunc')
      expect(await get(c, 'a')).toBeNull()
    } finally {
      await app.close()
    }
  })

  it('ignores a session file of JSON that is not an object (a string, a list, null), answering 200', async () => {
    const app = await bootSessionApp(setup)
    try {
      for (const json of ['"a string"', '[1, 2]', 'null', '42']) {
        const c = app.newClient()
        await put(c, 'a', 1)
        const id = (await c.get('/t/id')).json().id
        fs.writeFileSync(path.join(directory, `${id}.json`), json)
        const answer = await c.get('/t/get?key=a')
        expect({ json, status: answer.status, value: answer.json().value }).toEqual({ json, status: 200, value: null })
        expect((await c.get('/t/all')).json()).toEqual({})
      }
    } finally {
      await app.close()
    }
  })

  it('sweeps expired session files and stale temp files', async () => {
    const { FileStore } = require('../../framework/session/stores/file_store')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-sweep-'))
    const store = new FileStore({ age: 0.001, file: { directory: dir } }, { root: '/', log: console })
    try {
      const expired = path.join(dir, `${'a'.repeat(32)}.json`)
      const temp = path.join(dir, `${'b'.repeat(32)}.json.1-1.tmp`)
      const unrelated = path.join(dir, 'README')
      for (const file of [expired, temp, unrelated]) fs.writeFileSync(file, '{}')
      const old = new Date(Date.now() - 60 * 60_000)
      fs.utimesSync(expired, old, old)
      fs.utimesSync(temp, old, old)
      await store.sweep()
      expect(fs.readdirSync(dir)).toEqual(['README'])
    } finally {
      store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('creates the session folder on first use, and names it when it cannot', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-nofolder-'))
    const blocked = path.join(parent, 'file-in-the-way')
    fs.writeFileSync(blocked, '')
    const app = await testClient(fixture('session_app'), { config: { session: { driver: 'file', file: { directory: path.join(blocked, 'sessions') } } } })
    try {
      const answer = await app.newClient().get('/t/put?key=a&value=1', { headers: { accept: 'application/json' } })
      expect(answer.status).toBe(500)
      const fresh = await testClient(fixture('session_app'), { config: { session: { driver: 'file', file: { directory: path.join(parent, 'new', 'sessions') } } } })
      await put(fresh.newClient(), 'a', 1)
      expect(fs.readdirSync(path.join(parent, 'new', 'sessions'))).toHaveLength(1)
      await fresh.close()
    } finally {
      await app.close()
      fs.rmSync(parent, { recursive: true, force: true })
    }
  })

  it('keeps every change of many parallel requests of one session', async () => {
    const app = await bootSessionApp(setup)
    try {
      const c = app.newClient()
      await put(c, 'start', 0)
      await Promise.all(Array.from({ length: 30 }, (_, index) => c.get(`/t/slow-put?key=k${index}&value=v${index}&wait=${index % 5}`)))
      const all = (await c.get('/t/all')).json()
      for (let index = 0; index < 30; index++) expect(all[`k${index}`]).toBe(`v${index}`)
    } finally {
      await app.close()
    }
  })
})
