/**
 * Uploads as AdonisJs 3 handled them: request.file(name, { maxSize, allowedExtensions }), v3's
 * File methods, move() that records a problem in errors() rather than throwing, lists for
 * photos[] in upload order, nested names, and a file's JSON.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { removeApp, tempApp } from '../helpers/apps'

const target = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-v3-moved-'))

const ROUTES = `import fs from 'node:fs'
import { Route } from 'adonis-lite'
const target = ${JSON.stringify(target)}
Route.post('/list', (request, response) => { response.json(request.files().map((entry) => Array.isArray(entry) ? entry.map((file) => file.clientName()) : entry.clientName())) })
Route.get('/token', async (request, response) => { response.send(await request.csrfToken()) })
Route.post('/avatar', async (request, response) => {
  const avatar = request.file('avatar', { maxSize: '1kb', allowedExtensions: ['jpg', 'png'] })
  const result = await avatar.move(target, request.input('name') || undefined)
  response.json({
    result, moved: avatar.moved(), errors: avatar.errors(), clientName: avatar.clientName(), mimeType: avatar.mimeType(),
    extension: avatar.extension(), clientSize: avatar.clientSize(), uploadName: avatar.uploadName(), uploadPath: avatar.uploadPath(),
    tmpPath: avatar.tmpPath(), exists: avatar.exists(), json: avatar.toJSON(),
  })
})
Route.post('/json', (request, response) => { response.json({ avatar: request.file('avatar') }) })
Route.post('/delete', async (request, response) => {
  const avatar = request.file('avatar')
  const before = avatar.tmpPath()
  await avatar.delete()
  let again = null
  try { await avatar.move(target) } catch (error) { again = error.code }
  response.json({ existed: fs.existsSync(before), exists: avatar.exists(), again })
})
Route.post('/photos', async (request, response) => {
  const photos = request.file('photos[]', { allowedExtensions: ['jpg'] })
  const bare = request.file('photos')
  const moved = await photos.moveAll(target + '/' + request.input('folder'))
  response.json({
    isList: Array.isArray(photos), same: bare === photos, names: photos.map((file) => file.clientName()),
    moved: moved.map((file) => file.uploadName()), movedAll: photos.movedAll(), errors: photos.errors(),
    files: request.files().map((entry) => Array.isArray(entry) ? entry.map((file) => file.clientName()) : entry.clientName()),
  })
})
Route.post('/nested', (request, response) => {
  response.json({
    avatar: request.file('user.avatar')?.clientName(), bracket: request.file('user[avatar]')?.clientName(), dotted: request.file('cv.pdf')?.clientName(),
    docs: request.file('user.docs')?.map((file) => file.clientName()), fields: request.all(),
  })
})
Route.post('/order', async (request, response) => {
  if (request.input('wait')) await new Promise((resolve) => setTimeout(resolve, Number(request.input('wait'))))
  response.json({ names: request.file('docs[]').map((file) => file.clientName()), all: request.files().flat().map((file) => file.clientName()) })
})
`

describe('Http | uploads, as AdonisJs 3 had them', () => {
  let root: string
  let app: AppClient
  let shielded: AppClient
  let shieldedRoot: string
  beforeAll(async () => {
    root = tempApp({ 'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser']\n", 'start/routes.ts': ROUTES })
    shieldedRoot = tempApp({ 'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser', 'Adonis/Middleware/Shield']\n", 'start/routes.ts': ROUTES })
    app = await testClient(root)
    shielded = await testClient(shieldedRoot)
  })
  afterAll(async () => {
    await app.close()
    await shielded.close()
    removeApp(root)
    removeApp(shieldedRoot)
    fs.rmSync(target, { recursive: true, force: true })
  })

  function post (url: string, fill: (form: FormData) => void) {
    const form = new FormData()
    fill(form)
    return app.newClient().post(url, form)
  }

  it('v3: file.move() puts an allowed file in place, and the File methods describe it (clientName, mimeType, extension, clientSize, uploadName, uploadPath)', async () => {
    const answer = (await post('/avatar', (form) => form.append('avatar', new Blob(['tiny'], { type: 'image/png' }), 'me.png'))).json()
    expect(answer).toMatchObject({
      moved: true,
      errors: null,
      clientName: 'me.png',
      mimeType: 'image/png',
      extension: 'png',
      clientSize: 4,
      uploadName: 'me.png',
      uploadPath: path.join(target, 'me.png'),
      tmpPath: path.join(target, 'me.png'),
      exists: true,
      result: path.join(target, 'me.png'),
    })
    expect(fs.readFileSync(path.join(target, 'me.png'), 'utf8')).toBe('tiny')
  })

  it('v3: request.file(name, { maxSize }) makes move() record "Uploaded file size ... exceeds the limit" in file.errors(), and not move it', async () => {
    const answer = (await post('/avatar', (form) => form.append('avatar', new Blob(['x'.repeat(2048)]), 'big.jpg'))).json()
    expect(answer).toMatchObject({ moved: false, result: null, uploadName: '', uploadPath: '' })
    expect(answer.errors).toBe('Uploaded file size 2KB exceeds the limit of 1KB')
    expect(fs.existsSync(path.join(target, 'big.jpg'))).toBe(false)
  })

  it('v3: request.file(name, { allowedExtensions }) makes move() record "Uploaded file extension ... is not valid"', async () => {
    const answer = (await post('/avatar', (form) => form.append('avatar', new Blob(['<?php']), 'shell.php'))).json()
    expect(answer).toMatchObject({ moved: false, errors: 'Uploaded file extension php is not valid' })
  })

  it('v3: a file in JSON gives name, type, size, path, and the move outcome (fileName, filePath, error)', async () => {
    const answer = (await post('/json', (form) => form.append('avatar', new Blob(['abc'], { type: 'text/plain' }), 'a.txt'))).json()
    expect(answer.avatar).toMatchObject({ fieldName: 'avatar', name: 'a.txt', type: 'text/plain', size: 3, fileName: '', filePath: '', error: null, deleted: false })
    expect(path.dirname(answer.avatar.path)).not.toBe(target)
    const moved = (await post('/avatar', (form) => form.append('avatar', new Blob(['abc'], { type: 'image/png' }), 'b.png'))).json()
    expect(moved.json).toMatchObject({ name: 'b.png', path: path.join(target, 'b.png'), fileName: 'b.png', filePath: path.join(target, 'b.png'), maxSize: 1024, allowedExtensions: ['jpg', 'png'] })
  })

  it('v3: file.delete() removes it; moving it afterwards is an error (E_FILE_DELETED)', async () => {
    const answer = (await post('/delete', (form) => form.append('avatar', new Blob(['abc']), 'a.txt'))).json()
    expect(answer).toEqual({ existed: false, exists: false, again: 'E_FILE_DELETED' })
  })

  it('v3: several files in photos[] are a list for request.file("photos[]") and request.file("photos"); moveAll moves the allowed ones and lists the errors', async () => {
    const answer = (await post('/photos', (form) => {
      form.append('folder', 'album')
      form.append('photos[]', new Blob(['1']), 'one.jpg')
      form.append('photos[]', new Blob(['2']), 'two.gif')
      form.append('photos[]', new Blob(['3']), 'three.jpg')
      form.append('cover', new Blob(['c']), 'cover.jpg')
    })).json()
    expect(answer).toMatchObject({ isList: true, same: true, names: ['one.jpg', 'two.gif', 'three.jpg'], moved: ['one.jpg', 'three.jpg'], movedAll: false })
    expect(answer.errors).toEqual([{ clientName: 'two.gif', error: 'Uploaded file extension gif is not valid' }])
    expect(answer.files).toEqual([['one.jpg', 'two.gif', 'three.jpg'], 'cover.jpg'])
    expect(fs.readdirSync(path.join(target, 'album')).sort()).toEqual(['one.jpg', 'three.jpg'])
  })

  it('v3: a single file sent in photos[] is still a list', async () => {
    const answer = (await post('/photos', (form) => {
      form.append('folder', 'single')
      form.append('photos[]', new Blob(['1']), 'only.jpg')
    })).json()
    expect(answer).toMatchObject({ isList: true, names: ['only.jpg'], movedAll: true })
  })

  it('v3: request.files() lists the fields in the order they were sent, names such as "2" and "1" included', async () => {
    const answer = (await post('/list', (form) => {
      form.append('b', new Blob(['1']), 'b.txt')
      form.append('2', new Blob(['2']), 'two.txt')
      form.append('1', new Blob(['3']), 'one.txt')
      form.append('b', new Blob(['4']), 'b2.txt')
    })).json()
    expect(answer).toEqual([['b.txt', 'b2.txt'], 'two.txt', 'one.txt'])
  })

  it('v3: user[avatar] and user[docs][] nest, for files and fields (user[email[]] is user.email, a list); a dot stays part of a name', async () => {
    const answer = (await post('/nested', (form) => {
      form.append('user[name]', 'Ann')
      form.append('user[email[]]', 'a@example.com')
      form.append('user[email[]]', 'b@example.com')
      form.append('user[avatar]', new Blob(['a']), 'face.png')
      form.append('user[docs][]', new Blob(['d']), 'cv.pdf')
      form.append('user[docs][]', new Blob(['e']), 'letter.pdf')
      form.append('cv.pdf', new Blob(['f']), 'dotted.pdf')
    })).json()
    expect(answer).toEqual({
      avatar: 'face.png',
      bracket: 'face.png',
      dotted: 'dotted.pdf',
      docs: ['cv.pdf', 'letter.pdf'],
      fields: { user: { name: 'Ann', email: ['a@example.com', 'b@example.com'] } },
    })
  })

  it('v3: the files of one field keep their upload order, over many uploads of mixed sizes, with and without the two-step CSRF check', async () => {
    const names = Array.from({ length: 8 }, (_, index) => `f${index}.txt`)
    const client = shielded.newClient()
    const token = (await client.get('/token')).text
    const send = async (round: number, shield: boolean) => {
      const form = new FormData()
      if (shield) form.append('_csrf', token)
      form.append('wait', String(round % 3))
      names.forEach((name, index) => form.append('docs[]', new Blob(['x'.repeat([0, 3, 20_000, 70_000][(round + index) % 4]!)]), name))
      const answer = (await (shield ? client : app.newClient()).post('/order', form)).json()
      expect(answer).toEqual({ names, all: names })
    }
    for (let round = 0; round < 40; round++) await Promise.all([send(round, false), send(round, true), send(round + 1, true)])
  })
})
