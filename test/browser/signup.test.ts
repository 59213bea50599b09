/**
 * The scaffolded app's sign-up page in real Chromium (the build shipped inside the
 * @sparticuz/chromium npm package, unpacked to the temp folder on first use, driven by
 * playwright-core): a new app made with `adonis-lite new`, installed with npm and served with
 * `adonis-lite serve`, as a user would. A bad email comes back with its error, the email
 * filled in and the password empty; a reload shows neither; a good form signs in; the
 * Content-Security-Policy of the scaffold's config/shield.js blocks nothing on the way.
 * Screenshots go to test/output/.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { freePort } from '../helpers/ports'

// Its CommonJS build is the class itself; its package.json lists the ES module's types first,
// which TypeScript would then refuse to let this CommonJS file import.
const packagedChromium = require('@sparticuz/chromium') as { executablePath (): Promise<string> }

const REPOSITORY = path.join(__dirname, '..', '..')
const OUTPUT = path.join(REPOSITORY, 'test', 'output')
/**
 * Playwright adds --headless and, as the tests may run as root, --no-sandbox. The machine may
 * have no network: the rest keep Chromium from waiting on it. The package's own flag list is
 * not used: it turns off web security and site isolation, which this test wants as a browser has them.
 */
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Runs `adonis-lite serve` in the app, in a process group of its own; resolves once it listens. */
async function serve (appDir: string, port: number): Promise<ChildProcess> {
  const bin = path.join(appDir, 'node_modules', 'adonis-lite', 'bin', 'adonis-lite')
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' }
  delete env.JEST_WORKER_ID
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port)], { cwd: appDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => { output += chunk })
  child.stderr!.on('data', (chunk) => { output += chunk })
  const deadline = Date.now() + 30_000
  while (!/serving http/.test(output)) {
    if (child.exitCode !== null) throw new Error(`adonis-lite serve exited with ${child.exitCode}: ${output}`)
    if (Date.now() > deadline) throw new Error(`adonis-lite serve did not start: ${output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return child
}

function stop (child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    process.kill(-child.pid!, 'SIGTERM')
    setTimeout(() => { if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL') }, 5000).unref()
  })
}

async function submit (page: Page, email: string, password: string): Promise<void> {
  await page.fill('#email', email)
  await page.fill('#password', password)
  await Promise.all([page.waitForNavigation(), page.click('input[type="submit"]')])
}

const errorsOn = (page: Page) => page.$$eval('#errors li', (items) => items.map((item) => item.textContent?.trim() ?? ''))

describe('Browser | the scaffolded app in Chromium', () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-browser-'))
  const appDir = path.join(workspace, 'app')
  let server: ChildProcess | undefined
  let browser: Browser | undefined
  let url: string

  beforeAll(async () => {
    const executablePath = process.env.CHROMIUM_PATH ?? await packagedChromium.executablePath()
    execFileSync(process.execPath, [path.join(REPOSITORY, 'bin', 'adonis-lite'), 'new', appDir], { stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } })
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: appDir, stdio: 'pipe', timeout: 180_000 })
    const port = await freePort()
    server = await serve(appDir, port)
    url = `http://127.0.0.1:${port}`
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
    fs.mkdirSync(OUTPUT, { recursive: true })
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await stop(server)
    fs.rmSync(workspace, { recursive: true, force: true })
  })

  it('shows a bad email again with its error and no password, forgets them on reload, and signs a good form in', async () => {
    const page = await browser!.newPage()
    // Chromium reports each thing the Content-Security-Policy blocks on the console.
    const cspViolations: string[] = []
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text()) })
    await page.goto(`${url}/signup`)
    expect(await page.title()).toBe('Create an account')
    expect(await errorsOn(page)).toEqual([])

    await submit(page, 'not-an-email', 'secret1')
    expect(new URL(page.url()).pathname).toBe('/signup')
    const errors = await errorsOn(page)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/email/i)
    expect(await page.inputValue('#email')).toBe('not-an-email')
    expect(await page.inputValue('#password')).toBe('')
    await page.screenshot({ path: path.join(OUTPUT, 'signup-bad-email.png'), fullPage: true })

    await page.reload()
    expect(await errorsOn(page)).toEqual([])
    expect(await page.inputValue('#email')).toBe('')
    expect(await page.inputValue('#password')).toBe('')

    await submit(page, 'ann@example.com', 'secret1')
    expect(new URL(page.url()).pathname).toBe('/account')
    expect((await page.textContent('#account'))?.trim()).toBe('Signed in as ann@example.com.')
    await page.screenshot({ path: path.join(OUTPUT, 'signup-account.png'), fullPage: true })

    // The scaffold's pages pass the CSP its config/shield.js sets.
    expect(cspViolations).toEqual([])

    // The browser holds the session in HttpOnly cookies the page's scripts cannot read.
    expect(await page.evaluate('document.cookie')).toBe('')
    const cookies = await page.context().cookies()
    expect(cookies.map((cookie) => cookie.name).sort()).toEqual(['adonis-session', 'adonis-session-data'])
    for (const cookie of cookies) {
      expect(cookie.httpOnly).toBe(true)
      expect(cookie.sameSite).toBe('Lax')
    }
  }, 60_000)
})
