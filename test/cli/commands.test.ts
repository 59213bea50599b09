/**
 * The one-shot commands, through the real bin/adonis-lite: help, mistakes on the command line,
 * new, key:generate, make:*, route:list.
 */
import fs from 'node:fs'
import path from 'node:path'
import { COMMANDS } from '../../framework/cli/main'
import { cli, FRAMEWORK_ROOT, linkedApp, removeDir, tempDir } from './cli_helpers'

const ESC = '\u001b['

describe('CLI | help and mistakes', () => {
  it('lists every command without a command, with --help and with help', async () => {
    for (const args of [[], ['--help'], ['help']]) {
      const result = await cli(args, FRAMEWORK_ROOT)
      expect(result.code).toBe(0)
      for (const name of ['new', 'serve', 'make:controller', 'make:middleware', 'make:view', 'key:generate', 'route:list']) {
        expect(result.stdout).toContain(name)
      }
      expect(result.stdout).not.toContain(ESC)
    }
  })

  it.each(Object.keys(COMMANDS))('shows the usage of %s with --help, and with help <command>', async (name) => {
    const result = await cli([name, '--help'], FRAMEWORK_ROOT)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`adonis-lite ${name}`)
    expect((await cli(['help', name], FRAMEWORK_ROOT)).stdout).toBe(result.stdout)
  })

  it('names an unknown command, suggests a near one, lists the commands and exits 1', async () => {
    const result = await cli(['serv'], FRAMEWORK_ROOT)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("unknown command 'serv'; did you mean 'serve'?")
    expect(result.stdout).toContain('make:controller')
    expect(result.stderr + result.stdout).not.toContain(ESC)
  })

  it('names an unknown flag, shows the command usage and exits 1', async () => {
    const result = await cli(['route:list', '--bogus'], FRAMEWORK_ROOT)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("route:list: unknown option '--bogus'")
    expect(result.stdout).toContain('adonis-lite route:list [--json]')
  })

  it('refuses a flag without its value, stray arguments and bad numbers', async () => {
    const missing = await cli(['serve', '--port'], FRAMEWORK_ROOT)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('--port needs a value')
    const stray = await cli(['route:list', 'extra'], FRAMEWORK_ROOT)
    expect(stray.code).toBe(1)
    expect(stray.stderr).toContain('route:list takes no arguments')
    const port = await cli(['serve', '--port', 'abc'], FRAMEWORK_ROOT)
    expect(port.code).toBe(1)
    expect(port.stderr).toContain("--port needs a port number (0-65535), not 'abc'")
    const workers = await cli(['serve', '--workers', '2', '--dev'], FRAMEWORK_ROOT)
    expect(workers.code).toBe(1)
    expect(workers.stderr).toContain('--workers cannot be used with --dev')
  })

  it('says when the folder is not an app', async () => {
    const dir = tempDir()
    try {
      for (const args of [['serve'], ['route:list'], ['make:view', 'home']]) {
        const result = await cli(args, dir)
        expect(result.code).toBe(1)
        expect(result.stderr).toContain('is not an adonis-lite app: it has no start/routes.ts')
      }
    } finally {
      removeDir(dir)
    }
  })
})

describe('CLI | new', () => {
  let parent: string
  beforeAll(() => { parent = tempDir() })
  afterAll(() => removeDir(parent))

  it('scaffolds an app with a fresh APP_KEY each time and prints the next steps', async () => {
    const first = await cli(['new', 'one'], parent)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/Next steps:\n\s+cd one\n\s+npm install\n\s+npm run dev/)
    await cli(['new', 'two'], parent)
    const key = (dir: string) => /^APP_KEY=(.+)$/m.exec(fs.readFileSync(path.join(parent, dir, '.env'), 'utf8'))![1]!
    expect(key('one')).toMatch(/^[\w-]{43}$/)
    expect(key('one')).not.toBe(key('two'))
    for (const file of ['start/routes.ts', 'app/Http/kernel.ts', 'app/Http/Controllers/UserController.ts', 'config/app.ts',
      'resources/views/welcome.njk', 'resources/views/signup.njk', 'test/app.test.ts', 'package.json', 'tsconfig.json', '.gitignore']) {
      expect(fs.existsSync(path.join(parent, 'one', file))).toBe(true)
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(parent, 'one', 'package.json'), 'utf8'))
    expect(pkg.scripts).toMatchObject({ dev: 'adonis-lite serve --dev', build: 'adonis-lite build', start: 'node build/server.js', test: 'adonis-lite test' })
  })

  it('refuses a folder that is not empty, a file, and a missing name', async () => {
    fs.mkdirSync(path.join(parent, 'full'))
    fs.writeFileSync(path.join(parent, 'full', 'keep.txt'), 'mine')
    const full = await cli(['new', 'full'], parent)
    expect(full.code).toBe(1)
    expect(full.stderr).toContain('is not empty')
    expect(fs.readdirSync(path.join(parent, 'full'))).toEqual(['keep.txt'])
    const file = await cli(['new', 'full/keep.txt'], parent)
    expect(file.code).toBe(1)
    const missing = await cli(['new'], parent)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('new needs <dir>')
  })

  it('writes into an empty folder that exists', async () => {
    fs.mkdirSync(path.join(parent, 'empty'))
    expect((await cli(['new', 'empty'], parent)).code).toBe(0)
    expect(fs.existsSync(path.join(parent, 'empty', 'start', 'routes.ts'))).toBe(true)
  })
})

describe('CLI | key:generate', () => {
  let dir: string
  beforeEach(() => { dir = tempDir() })
  afterEach(() => removeDir(dir))

  it('creates .env with an APP_KEY when there is none', async () => {
    const result = await cli(['key:generate'], dir)
    expect(result.code).toBe(0)
    expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toMatch(/^APP_KEY=[\w-]{43}\n$/)
  })

  it('replaces the key and keeps the other lines', async () => {
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=4000\nAPP_KEY=old-key-old-key-old-key-old-key-old\nSESSION_DRIVER=file\n')
    expect((await cli(['key:generate'], dir)).code).toBe(0)
    const env = fs.readFileSync(path.join(dir, '.env'), 'utf8')
    expect(env).toMatch(/^PORT=4000\nAPP_KEY=[\w-]{43}\nSESSION_DRIVER=file\n$/)
    expect(env).not.toContain('old-key')
  })

  it('leaves an existing key alone with --if-missing, and only prints one with --show', async () => {
    fs.writeFileSync(path.join(dir, '.env'), 'APP_KEY=kept-kept-kept-kept-kept-kept-kept-kept\n')
    expect((await cli(['key:generate', '--if-missing'], dir)).code).toBe(0)
    const shown = await cli(['key:generate', '--show'], dir)
    expect(shown.stdout.trim()).toMatch(/^[\w-]{43}$/)
    expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toBe('APP_KEY=kept-kept-kept-kept-kept-kept-kept-kept\n')
  })
})

describe('CLI | make:*', () => {
  let root: string
  beforeAll(async () => { root = await linkedApp() })
  afterAll(() => removeDir(path.dirname(root)))
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8')

  it('writes a controller named as AdonisJs did, without doubling the suffix', async () => {
    const result = await cli(['make:controller', 'Post'], root)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Created app/Http/Controllers/PostController.ts')
    expect(read('app/Http/Controllers/PostController.ts')).toContain('export default class PostController {\n  * index (request: Request, response: Response): HandlerGenerator {')
    expect((await cli(['make:controller', 'CommentController'], root)).code).toBe(0)
    expect(fs.existsSync(path.join(root, 'app/Http/Controllers/CommentController.ts'))).toBe(true)
  })

  it('writes the seven resource methods with --resource, in a subfolder', async () => {
    const result = await cli(['make:controller', 'Admin/Photo', '--resource'], root)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Route.resource('photos', 'Admin/PhotoController')")
    const source = read('app/Http/Controllers/Admin/PhotoController.ts')
    for (const method of ['index', 'create', 'store', 'show', 'edit', 'update', 'destroy']) {
      expect(source).toContain(`* ${method} (request: Request, response: Response): HandlerGenerator {`)
    }
  })

  it('writes a middleware and prints the kernel line', async () => {
    const result = await cli(['make:middleware', 'Admin'], root)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("admin: 'App/Http/Middleware/Admin'")
    expect(read('app/Http/Middleware/Admin.ts')).toMatch(/\* handle \(request: Request, response: Response, next: Next\): HandlerGenerator \{[\s\S]*yield next/)
  })

  it('writes a view, dots making folders', async () => {
    const result = await cli(['make:view', 'auth.login'], root)
    expect(result.code).toBe(0)
    expect(read('resources/views/auth/login.njk')).toContain('{% extends "layout.njk" %}')
  })

  it('refuses to overwrite, leaving the file as it was', async () => {
    fs.writeFileSync(path.join(root, 'app/Http/Controllers/UserController.ts'), '// mine\n', { flag: 'a' })
    const before = read('app/Http/Controllers/UserController.ts')
    for (const [args, file] of [
      [['make:controller', 'User'], 'app/Http/Controllers/UserController.ts'],
      [['make:middleware', 'Auth'], 'app/Http/Middleware/Auth.ts'],
      [['make:view', 'welcome'], 'resources/views/welcome.njk'],
    ] as const) {
      const result = await cli([...args], root)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`${file} already exists: not overwriting it`)
    }
    expect(read('app/Http/Controllers/UserController.ts')).toBe(before)
  })

  it('refuses names that leave the folder or are not names', async () => {
    for (const args of [['make:controller', '../Evil'], ['make:controller', '/tmp/Evil'], ['make:middleware', 'a b'], ['make:view', '../../secret'], ['make:view', 'a..b']]) {
      const result = await cli(args, root)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('is not a valid')
    }
    expect(fs.existsSync(path.join(root, '..', 'Evil.ts'))).toBe(false)
  })

  it('writes stubs that the app boots with', async () => {
    fs.appendFileSync(path.join(root, 'start/routes.ts'), "\nRoute.resource('photos', 'Admin/PhotoController')\nRoute.get('/posts', 'PostController.index')\n")
    const list = await cli(['route:list', '--json'], root)
    expect(list.code).toBe(0)
    const handlers = JSON.parse(list.stdout).routes.map((route: { handler: string }) => route.handler)
    expect(handlers).toEqual(expect.arrayContaining(['Admin/PhotoController.destroy', 'PostController.index']))
  })
})

describe('CLI | route:list', () => {
  it("prints the demo app's routes as an aligned table, without colour when not on a terminal", async () => {
    const result = await cli(['route:list'], FRAMEWORK_ROOT)
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain(ESC)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^Method\s+URL\s+Name\s+Handler\s+Middleware$/)
    const columns = ['URL', 'Name', 'Handler', 'Middleware'].map((title) => lines[0]!.indexOf(title))
    const account = lines.find((line) => line.includes('/account'))!
    expect(account).toMatch(/^GET\|HEAD\s+\/account\s+account\s+UserController\.account\s+auth$/)
    expect(columns.map((column) => account.slice(column).split(/\s{2,}/)[0])).toEqual(['/account', 'account', 'UserController.account', 'auth'])
    expect(lines.find((line) => line.startsWith('POST'))).toMatch(/^POST\s+\/cart\s+Closure$/)
    expect(result.stdout).toContain('Global middleware (every request, in this order): Adonis/Middleware/Cors, Adonis/Middleware/BodyParser, Adonis/Middleware/Shield, Adonis/Middleware/Flash')
  })

  it('prints JSON with --json', async () => {
    const result = await cli(['route:list', '--json'], FRAMEWORK_ROOT)
    expect(result.code).toBe(0)
    const { routes } = JSON.parse(result.stdout)
    expect(routes).toContainEqual({ methods: ['GET', 'HEAD'], url: '/signup', name: 'signup', handler: 'UserController.show', middleware: [] })
  })

  it('needs no APP_KEY, and prints a boot error with its file', async () => {
    const root = await linkedApp()
    try {
      fs.writeFileSync(path.join(root, '.env'), '')
      expect((await cli(['route:list'], root)).code).toBe(0)
      fs.appendFileSync(path.join(root, 'start/routes.ts'), "\nRoute.get('/nope', 'NopeController.index')\n")
      const broken = await cli(['route:list'], root)
      expect(broken.code).toBe(1)
      expect(broken.stderr).toContain("route GET /nope names 'NopeController.index', but app/Http/Controllers/NopeController.ts does not exist")
    } finally {
      removeDir(path.dirname(root))
    }
  })
})
