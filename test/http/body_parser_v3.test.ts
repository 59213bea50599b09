/**
 * config/bodyParser.js as AdonisJs 3 wrote it (limit, strict, qs, uploads), the sectioned keys
 * (json.limit, form.limit, raw.limit, files.maxSize) and the .ts form; an unknown or unusable
 * value stops the boot, naming the file and the key.
 */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { bootError, removeApp, tempApp } from '../helpers/apps'

const ROUTES = `import { Route } from 'adonis-lite'
Route.post('/echo', (request, response) => { response.json({ all: request.all(), raw: request.raw(), files: request.files().length }) })
`
const KERNEL = "export const globalMiddleware = ['Adonis/Middleware/BodyParser']\n"

function configBootError (config: Record<string, string>): ReturnType<typeof bootError> {
  return bootError({ 'start/routes.ts': ROUTES, ...config })
}

describe('Http | config/bodyParser.js, as AdonisJs 3 wrote it', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'app/Http/kernel.ts': KERNEL,
      'start/routes.ts': ROUTES,
      'config/bodyParser.js': `module.exports = {
  limit: '1kb',
  strict: true,
  qs: { depth: 5, parameterLimit: 1000, delimiter: '&', allowDots: false },
  uploads: { multiple: true, hash: false, maxSize: '2kb' }
}
`,
    })
    app = await testClient(root)
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  it('v3: `limit` bounds JSON, form and text bodies alike (413 beyond it)', async () => {
    const big = 'x'.repeat(1500)
    expect((await app.post('/echo', { a: big }, { json: true })).status).toBe(413)
    expect((await app.post('/echo', { a: big })).status).toBe(413)
    expect((await app.post('/echo', big, { headers: { 'Content-Type': 'text/plain' } })).status).toBe(413)
    expect((await app.post('/echo', { a: 'small' }, { json: true })).json()).toMatchObject({ all: { a: 'small' } })
  })

  it('v3: `strict` refuses a JSON body that is not an object or an array', async () => {
    expect((await app.post('/echo', '"just a string"', { headers: { 'Content-Type': 'application/json' } })).status).toBe(400)
  })

  it('v3: `uploads.maxSize` bounds each uploaded file: a small one over it is a 413, never kept cut short', async () => {
    const small = new FormData()
    small.append('doc', new Blob(['x'.repeat(1000)]), 'a.txt')
    expect((await app.post('/echo', small)).json()).toMatchObject({ files: 1 })
    const large = new FormData()
    large.append('doc', new Blob(['x'.repeat(3000)]), 'b.txt')
    expect((await app.post('/echo', large)).status).toBe(413)
  })

  it('the sectioned keys (json.limit, form.limit, raw.limit, files.maxSize) work in config/bodyParser.ts', async () => {
    const sectioned = tempApp({
      'app/Http/kernel.ts': KERNEL,
      'start/routes.ts': ROUTES,
      'config/bodyParser.ts': "export default { json: { limit: '100b' }, form: { limit: '2kb' }, raw: { limit: '50b' }, files: { maxSize: '10b' } }\n",
    })
    const client = await testClient(sectioned)
    try {
      expect((await client.post('/echo', { a: 'x'.repeat(200) }, { json: true })).status).toBe(413)
      expect((await client.post('/echo', { a: 'x'.repeat(200) })).status).toBe(200)
      expect((await client.post('/echo', 'x'.repeat(60), { headers: { 'Content-Type': 'text/plain' } })).status).toBe(413)
      const form = new FormData()
      form.append('doc', new Blob(['x'.repeat(20)]), 'a.txt')
      expect((await client.post('/echo', form)).status).toBe(413)
    } finally {
      await client.close()
      removeApp(sectioned)
    }
  })

  it('an unknown key stops the boot, naming config/bodyParser.js and the key', async () => {
    const error = await configBootError({ 'config/bodyParser.js': "module.exports = { limt: '1mb' }\n" })
    expect(error.code).toBe('E_INVALID_CONFIG')
    expect(error.message).toContain('config/bodyParser.js: limt is not a setting')
  })

  it('a size that cannot be read stops the boot, naming the file (.ts form too) and the key', async () => {
    const error = await configBootError({ 'config/bodyParser.ts': "export default { json: { limit: 'lots' } }\n" })
    expect(error.message).toContain('config/bodyParser.ts: json.limit is "lots", not a size')
    const nested = await configBootError({ 'config/bodyParser.js': 'module.exports = { uploads: { maxSize: true } }\n' })
    expect(nested.message).toContain('config/bodyParser.js: uploads.maxSize must be a size')
  })

  it('v3 settings adonis-lite does not offer stop the boot with the reason (uploads.hash, uploads.multiple, qs.allowDots)', async () => {
    expect((await configBootError({ 'config/bodyParser.js': 'module.exports = { uploads: { hash: true } }\n' })).message).toContain('uploads.hash can only be false')
    expect((await configBootError({ 'config/bodyParser.js': 'module.exports = { uploads: { multiple: false } }\n' })).message).toContain('uploads.multiple can only be true')
    expect((await configBootError({ 'config/bodyParser.js': 'module.exports = { qs: { allowDots: true } }\n' })).message).toContain('qs.allowDots can only be false')
    expect((await configBootError({ 'config/bodyParser.js': 'module.exports = { strict: "yes" }\n' })).message).toContain('strict must be true or false')
  })
})
