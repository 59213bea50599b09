/**
 * A new user's first ten minutes, through the real bin/adonis-lite: scaffold an app outside
 * this repository, npm install it (the framework comes from the tarball in its vendor/), run
 * the dev server, edit a route, break and fix the routes file, move the app and run its own
 * tests, serve it with two workers, then build it and serve the build with plain Node.
 */
import fs from 'node:fs'
import path from 'node:path'
import { freePort } from '../helpers/ports'
import { BIN, cli, cliEnv, get, groupAlive, removeDir, run, Running, sleep, tempDir, waitForHttp } from './cli_helpers'

jest.setTimeout(120_000)

describe('CLI | a new app, installed and served', () => {
  let parent: string
  let root: string
  const started: Running[] = []
  const routes = () => path.join(root, 'start', 'routes.ts')

  function start (args: string[], env = cliEnv()): Running {
    const server = new Running(process.execPath, [BIN, ...args], { cwd: root, env })
    started.push(server)
    return server
  }

  beforeAll(async () => {
    parent = tempDir()
    const scaffolded = await cli(['new', 'my-app'], parent)
    expect(scaffolded.code).toBe(0)
    root = path.join(parent, 'my-app')
    const installed = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, timeoutMs: 110_000 })
    if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stdout}${installed.stderr}`)
  })

  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()))
    removeDir(parent)
  })

  it('serves the welcome page and the sign-up form with --dev, restarts on a route change, and survives a broken routes file', async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const dev = start(['serve', '--dev', '--port', String(port)])
    await dev.waitForOutput(/watching app, config, start, resources, \.env/)
    expect(dev.output).toContain(`serving ${url} (development, cookie sessions)`)

    const welcome = await get(`${url}/`)
    expect(welcome.status).toBe(200)
    expect((await get(`${url}/`, { host: 'attacker.example' })).status).toBe(403)
    expect(welcome.text).toContain('Welcome to adonis-lite')
    const signup = await get(`${url}/signup`)
    expect(signup.status).toBe(200)
    expect(signup.text).toMatch(/<form[^>]+action="\/signup"/)

    // A new route answers soon after the save; the time is printed, the bound is loose on purpose.
    // Saves are a couple of seconds apart, as when editing by hand: the dev server loads the
    // framework into a spare process between them.
    const original = fs.readFileSync(routes(), 'utf8')
    const times: number[] = []
    for (const name of ['one', 'two', 'three']) {
      await sleep(1500)
      fs.writeFileSync(routes(), `${original}\nRoute.get('/hello', function * (request, response) { response.send('hello ${name}') })\n`)
      const answer = await waitForHttp(`${url}/hello`, (reply) => reply.text === `hello ${name}`, 10_000)
      times.push(Math.round(answer.waitedMs))
    }
    console.log(`dev server: save -> first answer of the new route in ${times.join(', ')} ms`)

    // A syntax error: printed with file, line and the code around it; the dev server waits.
    const mark = dev.output.length
    fs.writeFileSync(routes(), `${original}\nRoute.get('/broken', function * (request, response) {\n  response.send('x'\n})\n`)
    const brokenLine = original.split('\n').length + 3
    const printed = await dev.waitForOutput(/waiting for a change to restart/, mark)
    expect(printed).toContain(`at start/routes.ts:${brokenLine}:1`)
    expect(printed).toMatch(new RegExp(`> ${brokenLine} \\| \\}\\)`))
    const errorPage = await waitForHttp(`${url}/`, (reply) => reply.status === 500)
    expect(errorPage.text).toContain(`start/routes.ts:${brokenLine}:1`)
    // Not for a page of another site that reaches this port under its own name (DNS rebinding).
    const rebound = await get(`${url}/`, { host: 'attacker.example' })
    expect(rebound.status).toBe(403)
    expect(rebound.text).not.toContain('start/routes.ts')

    fs.writeFileSync(routes(), `${original}\nRoute.get('/fixed', function * (request, response) { response.send('fixed') })\n`)
    expect((await waitForHttp(`${url}/fixed`, (reply) => reply.status === 200, 10_000)).text).toBe('fixed')

    // A runtime error while loading the routes names the file and line too.
    const crashMark = dev.output.length
    fs.writeFileSync(routes(), `${original}\nRoute.gett('/typo', 'UserController.show')\n`)
    const typo = await dev.waitForOutput(/waiting for a change to restart/, crashMark)
    expect(typo).toContain('Route.gett is not a function')
    expect(typo).toMatch(/at start\/routes\.ts:\d+:\d+/)

    // A type error is reported by the background check, with file and line; the app still runs.
    const typeMark = dev.output.length
    fs.writeFileSync(routes(), `${original}\nconst count: number = 'three'\nRoute.get('/typed', function * (request, response) { response.send(String(count)) })\n`)
    await waitForHttp(`${url}/typed`, (reply) => reply.text === 'three', 10_000)
    const typeError = await dev.waitForOutput(/type error start\/routes\.ts:\d+:\d+ Type 'string' is not assignable to type 'number'/, typeMark, 60_000)
    expect(typeError).toMatch(new RegExp(`start/routes\\.ts:${original.split('\n').length + 1}:7`))
    fs.writeFileSync(routes(), original)
    await waitForHttp(`${url}/typed`, (reply) => reply.status === 404, 10_000)

    // A view change needs no restart: the next request renders the new template.
    const viewMark = dev.output.length
    const welcomeView = path.join(root, 'resources', 'views', 'welcome.njk')
    fs.writeFileSync(welcomeView, fs.readFileSync(welcomeView, 'utf8').replace('Your app is running.', 'Edited while running.'))
    expect((await waitForHttp(`${url}/`, (reply) => reply.text.includes('Edited while running.'), 5000)).status).toBe(200)
    await sleep(200)
    expect(dev.output.slice(viewMark)).not.toContain('restarting')

    // SIGTERM to the dev server alone stops the app process and the type checker with it.
    process.kill(dev.child.pid!, 'SIGTERM')
    expect(await dev.exited).toBe(0)
    const deadline = Date.now() + 5000
    while (groupAlive(dev.child.pid!) && Date.now() < deadline) await sleep(50)
    expect(groupAlive(dev.child.pid!)).toBe(false)
  })

  it('passes its own tests with npm test after being moved to another folder', async () => {
    const moved = path.join(parent, 'moved-app')
    fs.renameSync(root, moved)
    root = moved
    const result = await run('npm', ['test'], { cwd: root, timeoutMs: 60_000 })
    expect(result.stdout + result.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/)
    expect(result.code).toBe(0)
  })

  it('serves one port from two worker processes with --workers 2, and stops them all on SIGTERM', async () => {
    fs.appendFileSync(routes(), "\nRoute.get('/pid', function * (request, response) { response.send(String(process.pid)) })\n")
    const port = await freePort()
    const cluster = start(['serve', '--workers', '2', '--port', String(port)], cliEnv({ NODE_ENV: 'production' }))
    await cluster.waitForOutput(/serving http:\/\/127\.0\.0\.1:\d+ \(production, cookie sessions, 2 workers\)/)
    const pids = new Set<string>()
    for (let attempt = 0; attempt < 20 && pids.size < 2; attempt++) pids.add((await get(`http://127.0.0.1:${port}/pid`)).text)
    expect(pids.size).toBe(2)
    expect(pids.has(String(cluster.child.pid))).toBe(false)

    process.kill(cluster.child.pid!, 'SIGTERM')
    expect(await cluster.exited).toBe(0)
    const deadline = Date.now() + 5000
    while (groupAlive(cluster.child.pid!) && Date.now() < deadline) await sleep(50)
    expect(groupAlive(cluster.child.pid!)).toBe(false)
  })

  it('prints a boot error once and exits 1 when workers cannot boot', async () => {
    const original = fs.readFileSync(routes(), 'utf8')
    fs.appendFileSync(routes(), "\nRoute.get('/nope', 'NopeController.index')\n")
    try {
      const result = await cli(['serve', '--workers', '3', '--port', String(await freePort())], root, cliEnv({ NODE_ENV: 'production' }))
      expect(result.code).toBe(1)
      expect(result.stderr.match(/NopeController\.ts does not exist/g)).toHaveLength(1)
    } finally {
      fs.writeFileSync(routes(), original)
    }
  })

  it('builds to JavaScript that npm start serves with plain Node, yup from the validation guide included', async () => {
    fs.appendFileSync(routes(), `
import * as yup from 'yup'
import { Validator } from 'adonis-lite'

const signup = yup.object({ email: yup.string().required().email() })
Route.get('/check', function * (request, response) {
  const validation = yield Validator.validateAll(signup, request.all())
  const tools = Object.keys(require.cache).filter((file) => /node_modules[\\/](tsx|esbuild|typescript|jest|@swc)[\\/]/.test(file))
  response.json({ fails: validation.fails(), fields: validation.messages().map((message) => message.field), tools })
})
`)
    const built = await run('npm', ['run', 'build'], { cwd: root, timeoutMs: 60_000 })
    expect(built.code).toBe(0)
    for (const file of ['server.js', 'start/routes.js', 'app/Http/kernel.js', 'app/Http/Controllers/UserController.js', 'config/app.js',
      'config/session.js', 'resources/views/welcome.njk', 'public/style.css', 'package.json', 'package-lock.json']) {
      expect(fs.existsSync(path.join(root, 'build', file))).toBe(true)
    }
    // The framework's tarball comes along, so that build/ alone installs with npm ci --omit=dev.
    expect(fs.readdirSync(path.join(root, 'build', 'vendor'))).toEqual(fs.readdirSync(path.join(root, 'vendor')))
    const files = fs.readdirSync(path.join(root, 'build'), { recursive: true }) as string[]
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([])
    expect(JSON.parse(fs.readFileSync(path.join(root, 'build', 'package.json'), 'utf8')).scripts).toEqual({ start: 'node server.js' })

    const port = await freePort()
    const npmStart = new Running('npm', ['start', '--', '--port', String(port)], { cwd: root, env: cliEnv() })
    started.push(npmStart)
    await npmStart.waitForOutput(new RegExp(`serving http://127\\.0\\.0\\.1:${port} \\(production, cookie sessions\\)`))
    expect((await get(`http://127.0.0.1:${port}/`)).status).toBe(200)
    const bad = JSON.parse((await get(`http://127.0.0.1:${port}/check?email=nope`)).text)
    expect(bad).toEqual({ fails: true, fields: ['email'], tools: [] })
    const good = JSON.parse((await get(`http://127.0.0.1:${port}/check?email=ann@example.com`)).text)
    expect(good.fails).toBe(false)
  })
})
