import { testClient } from 'adonis-lite/testing'
import { bootError, removeApp, tempApp } from '../helpers/apps'

describe('Ignitor | boot errors', () => {
  it('refuses a folder without start/routes.ts', async () => {
    const error = await bootError({ 'start/routes.ts': '' }).catch(() => null)
    expect(error).toBeNull() // an empty routes file is a valid app
    const root = tempApp()
    require('node:fs').rmSync(`${root}/start`, { recursive: true })
    await expect(testClient(root)).rejects.toMatchObject({ code: 'E_APP_NOT_FOUND' })
    removeApp(root)
  })

  it('names the kernel and the unknown middleware', async () => {
    const error = await bootError({ 'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/Nope']\n" })
    expect(error.code).toBe('E_UNKNOWN_MIDDLEWARE')
    expect(error.message).toContain('app/Http/kernel.ts')
    expect(error.message).toContain('Adonis/Middleware/Nope')
    expect(error.message).toContain('Adonis/Middleware/BodyParser')
  })

  it('names the missing middleware file', async () => {
    const error = await bootError({ 'app/Http/kernel.ts': "export const namedMiddleware = { auth: 'App/Http/Middleware/Auth' }\n" })
    expect(error.code).toBe('E_MIDDLEWARE_NOT_FOUND')
    expect(error.message).toContain('app/Http/Middleware/Auth.ts')
  })

  it('refuses a middleware without a handle method', async () => {
    const error = await bootError({
      'app/Http/kernel.ts': "export const globalMiddleware = ['App/Http/Middleware/Empty']\n",
      'app/Http/Middleware/Empty.ts': 'export default class Empty {}\n',
    })
    expect(error.code).toBe('E_INVALID_MIDDLEWARE')
  })

  it('names a route middleware missing from namedMiddleware', async () => {
    const error = await bootError({
      'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/', () => 'x').middleware(['auth'])\n",
    })
    expect(error.code).toBe('E_UNKNOWN_NAMED_MIDDLEWARE')
    expect(error.message).toContain("'auth'")
    expect(error.message).toContain('GET /')
  })

  it('names the missing controller file', async () => {
    const error = await bootError({ 'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/', 'HomeController.index')\n" })
    expect(error.code).toBe('E_CONTROLLER_NOT_FOUND')
    expect(error.message).toContain('app/Http/Controllers/HomeController.ts')
    expect(error.message).toContain('make:controller HomeController')
  })

  it('names the missing controller method', async () => {
    const error = await bootError({
      'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/', 'HomeController.index')\n",
      'app/Http/Controllers/HomeController.ts': 'export default class HomeController { show () {} }\n',
    })
    expect(error.code).toBe('E_CONTROLLER_METHOD_NOT_FOUND')
    expect(error.message).toContain('index()')
    expect(error.message).toContain('app/Http/Controllers/HomeController.ts')
  })

  it('refuses handler strings that are not Controller.method', async () => {
    const error = await bootError({ 'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/', '../../etc/passwd.x')\n" })
    expect(error.code).toBe('E_INVALID_HANDLER')
  })

  it('refuses a missing or short APP_KEY', async () => {
    const missing = await bootError({ 'config/app.ts': 'export default { appKey: "" }\n' })
    expect(missing.code).toBe('E_MISSING_APP_KEY')
    expect(missing.message).toContain('key:generate')
    const short = await bootError({ 'config/app.ts': 'export default { appKey: "short" }\n' })
    expect(short.code).toBe('E_WEAK_APP_KEY')
  })

  it('refuses a previous key shorter than an APP_KEY: it would open forged cookies', async () => {
    const error = await bootError({ 'config/app.ts': `export default { appKey: '${'k'.repeat(40)}', previousKeys: '${'o'.repeat(40)},x' }\n` })
    expect(error.code).toBe('E_WEAK_APP_KEY')
    expect(error.message).toContain('APP_KEY_PREVIOUS')
    expect(error.message).toContain('key 2 is too short (1 character,')
  })

  it('names the routes file and the line of a syntax error', async () => {
    const error = await bootError({ 'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/', () => {\n" })
    expect(error.code).toBe('E_MODULE_LOAD_FAILED')
    expect(error.message).toContain('start/routes.ts')
    expect(error.message).toMatch(/routes\.ts:\d+/)
  })

  it('names a JavaScript config file with a syntax error', async () => {
    const error = await bootError({ 'config/session.js': 'module.exports = {\n' })
    expect(error.code).toBe('E_MODULE_LOAD_FAILED')
    expect(error.message).toContain('config/session.js')
  })

  it('refuses duplicate routes and names', async () => {
    const twice = await bootError({ 'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/a', () => 1)\nRoute.get('/a', () => 2)\n" })
    expect(twice.code).toBe('E_DUPLICATE_ROUTE')
    const names = await bootError({ 'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/a', () => 1).as('x')\nRoute.get('/b', () => 2).as('x')\n" })
    expect(names.code).toBe('E_DUPLICATE_ROUTE_NAME')
  })

  it('lists the known drivers for an unknown session driver', async () => {
    const error = await bootError({ 'config/session.js': "module.exports = { driver: 'mongo' }\n" })
    expect(error.code).toBe('E_UNKNOWN_SESSION_DRIVER')
    for (const driver of ['cookie', 'file', 'memory']) expect(error.message).toContain(`'${driver}'`)
    expect(error.message).toContain('config/session.js')
  })

  it('names wrong session settings', async () => {
    const error = await bootError({ 'config/session.js': "module.exports = { age: 'forever' }\n" })
    expect(error.code).toBe('E_INVALID_CONFIG')
    expect(error.message).toContain('config/session.js: age')
  })
})

describe('Ignitor | body limits are read at boot', () => {
  it('names a size in config/bodyParser.js it cannot read', async () => {
    const error = await bootError({ 'config/bodyParser.js': "module.exports = { fileLimit: 'ten megabytes' }\n" })
    expect(error.code).toBe('E_INVALID_CONFIG')
    expect(error.message).toBe('config/bodyParser.js: fileLimit is "ten megabytes", not a size: write 512kb, 10mb or a number of bytes')
  })
})
