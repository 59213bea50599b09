import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { removeApp, tempApp } from '../helpers/apps'
import { csrfOf } from '../helpers/html'

const target = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-moved-'))

describe('Http | multipart forms', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser', 'Adonis/Middleware/Shield']\n",
      'config/bodyParser.js': "module.exports = { fileLimit: '64kb', maxFiles: 3 }\n",
      'resources/views/form.njk': "{{ form.open({url: '/upload', files: true}) }}{{ form.file('avatar') }}{{ form.close() }}\n",
      'start/routes.ts': `import { Route } from 'adonis-lite'
Route.on('/form').render('form')
Route.post('/upload', async (request, response) => {
  const file = request.file('avatar')
  let moved = null
  if (file && request.input('move')) moved = await file.move(${JSON.stringify(target)}, request.input('name') || undefined)
  response.json({
    fields: request.all(),
    file: file && { fieldName: file.fieldName, clientName: file.clientName(), type: file.mimeType(), size: file.clientSize(), tmpPath: file.tmpPath() },
    moved,
    count: Object.values(request.files()).flat().length,
  })
})
Route.put('/upload', (request, response) => { response.json({ method: 'PUT', fields: request.all() }) })
`,
    })
    app = await testClient(root)
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
    fs.rmSync(target, { recursive: true, force: true })
  })

  async function formWith (fill: (form: FormData) => void) {
    const client = app.newClient()
    const page = await client.get('/form')
    expect(page.text).toContain('enctype="multipart/form-data"')
    const form = new FormData()
    form.append('_csrf', csrfOf(page.text))
    fill(form)
    return { client, form }
  }

  it('reads fields (nested too) and files, with the CSRF token from the form', async () => {
    const { client, form } = await formWith((form) => {
      form.append('title', 'Hello')
      form.append('profile[name]', 'Ann')
      form.append('avatar', new Blob(['picture bytes'], { type: 'image/png' }), 'me.png')
    })
    const answer = (await client.post('/upload', form)).json()
    expect(answer.fields).toMatchObject({ title: 'Hello', profile: { name: 'Ann' } })
    expect(answer.file).toMatchObject({ fieldName: 'avatar', clientName: 'me.png', type: 'image/png', size: 13 })
    // Not moved: removed once the response is out.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(fs.existsSync(answer.file.tmpPath)).toBe(false)
  })

  it('moves a file where the handler says, under a name that cannot leave the folder', async () => {
    const { client, form } = await formWith((form) => {
      form.append('move', '1')
      form.append('avatar', new Blob(['kept']), '../../etc/passwd')
    })
    const answer = (await client.post('/upload', form)).json()
    expect(answer.moved).toBe(path.join(target, 'passwd'))
    expect(fs.readFileSync(answer.moved, 'utf8')).toBe('kept')
  })

  it('refuses a multipart post without the CSRF token', async () => {
    const form = new FormData()
    form.append('title', 'x')
    expect((await app.newClient().post('/upload', form)).status).toBe(403)
  })

  it('spoofs the verb from a multipart _method field', async () => {
    const { client, form } = await formWith((form) => form.append('_method', 'PUT'))
    expect((await client.post('/upload', form)).json().method).toBe('PUT')
  })

  it('answers 413 for a file over the limit, or too many files, and keeps serving', async () => {
    const big = await formWith((form) => form.append('avatar', new Blob([Buffer.alloc(70 * 1024)]), 'big.bin'))
    expect((await big.client.post('/upload', big.form, { headers: { accept: 'application/json' } })).status).toBe(413)
    const many = await formWith((form) => { for (let i = 0; i < 4; i++) form.append('avatar', new Blob(['x']), `f${i}.txt`) })
    expect((await many.client.post('/upload', many.form)).status).toBe(413)
    const fine = await formWith((form) => form.append('avatar', new Blob(['ok']), 'ok.txt'))
    expect((await fine.client.post('/upload', fine.form)).json().count).toBe(1)
  })

  it('answers 400 for a malformed multipart body', async () => {
    const client = app.newClient()
    const token = csrfOf((await client.get('/form')).text)
    const truncated = await client.post('/upload', '--nope\r\nContent-Disposition: form-data; name="a"\r\n\r\nunfinished', {
      headers: { 'content-type': 'multipart/form-data; boundary=nope', 'x-csrf-token': token, accept: 'application/json' },
    })
    expect(truncated.status).toBe(400)
    expect(truncated.json().code).toBe('E_MALFORMED_BODY')
    const noBoundary = await client.post('/upload', 'x', { headers: { 'content-type': 'multipart/form-data', 'x-csrf-token': token } })
    expect(noBoundary.status).toBe(400)
  })
})
