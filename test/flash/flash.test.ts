import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture, removeApp, tempApp } from '../helpers/apps'
import { csrfOf, decode, inner, text } from '../helpers/html'

async function token (client: TestClient): Promise<string> {
  return csrfOf((await client.get('/form')).text)
}

async function flashed (client: TestClient, route: string, fields: Record<string, unknown>) {
  const posted = await client.post(route, { ...fields, _csrf: await token(client) })
  expect(posted.status).toBe(302)
  return readFlash(client)
}

async function readFlash (client: TestClient) {
  const page = await client.get('/flash')
  const listed: Record<string, string> = {}
  for (const [, key, value] of inner(page.text, 'messages').matchAll(/<li data-key="([^"]*)">([\s\S]*?)<\/li>/g)) listed[decode(key!)] = decode(value!)
  return { listed, data: JSON.parse(text(page.text, 'flash-data')), username: text(page.text, 'username'), profile: text(page.text, 'profile-username'), firstError: text(page.text, 'first-error') }
}

const fields = { email: 'ann@example.com', password: 'secret', name: 'Ann', username: 'ann' }

describe('Flash | methods', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(fixture('flash_app')) })
  afterAll(() => app.close())

  it('withAll() flashes the input but _csrf and _method', async () => {
    const flash = await flashed(app.newClient(), '/flash/with-all', { ...fields, _method: 'POST' })
    expect(flash.data).toEqual(fields)
    expect(flash.listed).toEqual(fields)
    expect(flash.username).toBe('ann')
  })

  it('withOnly() flashes only the given keys', async () => {
    expect((await flashed(app.newClient(), '/flash/with-only', fields)).data).toEqual({ email: 'ann@example.com', name: 'Ann' })
  })

  it('withOut() and without() flash all but the given keys', async () => {
    expect((await flashed(app.newClient(), '/flash/with-out', fields)).data).toEqual({ email: 'ann@example.com', name: 'Ann', username: 'ann' })
    expect((await flashed(app.newClient(), '/flash/without', fields)).data).toEqual({ email: 'ann@example.com', username: 'ann' })
  })

  it('with() flashes a custom object', async () => {
    expect((await flashed(app.newClient(), '/flash/with', fields)).data).toEqual({ error: 'Please fill in all details' })
  })

  it('andWith() deep-merges into what is flashed', async () => {
    const flash = await flashed(app.newClient(), '/flash/and-with', { ...fields, profile: { username: 'jane' } })
    expect(flash.data).toEqual({ ...fields, profile: { username: 'jane', extra: true }, error: 'Please fill in all details' })
    expect(flash.profile).toBe('jane')
  })

  it('keeps both of two flash() calls in one request', async () => {
    expect((await flashed(app.newClient(), '/flash/twice', {})).data).toEqual({ first: 1, second: 2 })
  })

  it('shows flashed values on the next request only', async () => {
    const client = app.newClient()
    await flashed(client, '/flash/with-all', fields)
    const again = await readFlash(client)
    expect(again.data).toEqual({})
    expect(again.listed).toEqual({})
    expect(again.username).toBe('')
  })

  it('reads nested flashed values with dotted keys in old()', async () => {
    const client = app.newClient()
    const posted = await client.post('/flash/errors', { email: 'bad', _csrf: await token(client) }, { headers: { referer: `${app.url}/flash` } })
    expect(posted.location).toBe(`${app.url}/flash`)
    const flash = await readFlash(client)
    expect(flash.firstError).toBe('Bad <email>')
    expect(flash.data.errors).toEqual([{ field: 'email', validation: 'email', message: 'Bad <email>' }])
  })

  it('gives request.old() in handlers', async () => {
    const client = app.newClient()
    await client.post('/flash/and-with', { email: 'ann@example.com', profile: { username: 'jo' }, _csrf: await token(client) })
    expect((await client.get('/old')).json()).toEqual({ email: 'ann@example.com', nested: 'jo' })
    expect((await client.get('/old')).json()).toEqual({ email: 'none', nested: null })
  })

  it('keeps the flash for one more request with reflash()', async () => {
    const client = app.newClient()
    await client.post('/flash/with', { _csrf: await token(client) })
    const redirected = await client.get('/flash/reflash')
    expect(redirected.status).toBe(302)
    expect((await readFlash(client)).data).toEqual({ error: 'Please fill in all details' })
    expect((await readFlash(client)).data).toEqual({})
  })

  it('sees no flash messages, and writes no session, for a new client', async () => {
    const client = app.newClient()
    const page = await client.get('/flash')
    expect(page.cookies).toEqual([])
    expect((await readFlash(client)).data).toEqual({})
  })
})

describe('Flash | isolation between concurrent requests', () => {
  it('never shows one client the values flashed for another', async () => {
    const app = await testClient(fixture('flash_app'))
    try {
      const clients = Array.from({ length: 60 }, () => app.newClient())
      const tokens = await Promise.all(clients.map(token))
      await Promise.all(clients.map((client, index) => client.post('/flash/and-with', {
        email: `user${index}@example.com`, username: `user${index}`, _csrf: tokens[index],
      })))
      const pages = await Promise.all(clients.map(readFlash))
      pages.forEach((page, index) => {
        expect(page.username).toBe(`user${index}`)
        expect(page.data.email).toBe(`user${index}@example.com`)
      })
    } finally {
      await app.close()
    }
  })
})

describe('Flash | writes', () => {
  it('rewrites the session only when there is a flash to consume', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-flash-'))
    const app = await testClient(fixture('flash_app'), { config: { session: { driver: 'file', file: { directory } } } })
    try {
      const client = app.newClient()
      await client.post('/flash/with', { _csrf: await token(client) })
      const [file] = fs.readdirSync(directory)
      const inode = () => fs.statSync(path.join(directory, file!)).ino
      const flashedInode = inode()
      await client.get('/plain') // consumes the flash: a write
      const consumedInode = inode()
      expect(consumedInode).not.toBe(flashedInode)
      await client.get('/plain') // nothing to consume: no write
      await client.get('/flash')
      expect(inode()).toBe(consumedInode)
    } finally {
      await app.close()
      fs.rmSync(directory, { recursive: true, force: true })
    }
  })
})

describe('Flash | without the middleware', () => {
  it('says which line to add to app/Http/kernel.ts', async () => {
    const root = tempApp({
      'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/', function * (request) { yield request.withAll().flash() })\n",
    })
    const app = await testClient(root)
    try {
      const answer = await app.get('/', { headers: { accept: 'application/json' } })
      expect(answer.status).toBe(500)
      expect(answer.json().code).toBe('E_FLASH_NOT_ENABLED')
      expect(answer.json().message).toContain("'Adonis/Middleware/Flash'")
      expect(answer.json().message).toContain('app/Http/kernel.ts')
    } finally {
      await app.close()
      removeApp(root)
    }
  })
})
