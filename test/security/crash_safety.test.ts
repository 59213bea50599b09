/**
 * Crash safety of the file driver: the real server (bin/adonis-lite serve) is killed with
 * SIGKILL again and again while 50 clients keep writing their sessions, and restarted. Every
 * session file must parse and hold one complete state its client sent, no acknowledged write
 * may be lost, and no temp files may be left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { TestClient } from 'adonis-lite/testing'
import { fixture, TEST_KEY } from '../helpers/apps'
import { freePort } from '../helpers/ports'

const BIN = path.join(__dirname, '..', '..', 'bin', 'adonis-lite')
const CLIENTS = 50
/** How long the kill/restart cycles go on, and how many kills there are at least. */
const CYCLES_MS = Number(process.env.CRASH_MS) || 12_000
const MIN_KILLS = 5

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A state the fixture's /crash/write stores: whole only if blob and digest match owner and n. */
function checkState (state: Record<string, unknown>): string | null {
  const { owner, n, blob, digest } = state
  if (typeof owner !== 'string' || typeof n !== 'number' || typeof blob !== 'string' || typeof digest !== 'string') return `not a state: ${JSON.stringify(state).slice(0, 200)}`
  if (blob !== `${owner}:${n}:`.repeat(50 + (n % 7) * 40)) return `client ${owner}: blob is not that of state ${n}`
  if (crypto.createHash('sha256').update(blob).digest('hex') !== digest) return `client ${owner}: digest does not match state ${n}`
  return null
}

class Server {
  #child: ChildProcess | null = null
  #output = ''

  constructor (readonly port: number, readonly directory: string) {}

  async start (): Promise<void> {
    this.#output = ''
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(this.port)], {
      cwd: fixture('hardening_app'),
      env: { ...process.env, APP_KEY: TEST_KEY, SESSION_DRIVER: 'file', SESSION_DIRECTORY: this.directory, NODE_ENV: 'production', LOG_LEVEL: 'error', NO_COLOR: '1', JEST_WORKER_ID: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.#child = child
    child.stdout!.on('data', (chunk) => { this.#output += chunk })
    child.stderr!.on('data', (chunk) => { this.#output += chunk })
    const deadline = Date.now() + 15_000
    while (!/serving http/.test(this.#output)) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${this.#output}`)
      if (Date.now() > deadline) throw new Error(`the server did not start: ${this.#output}`)
      await sleep(20)
    }
  }

  /** SIGKILL: no shutdown code runs, writes in flight are cut wherever they are. */
  kill (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child
    this.#child = null
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      child.once('exit', () => resolve())
      child.kill(signal)
    })
  }

  get output (): string {
    return this.#output
  }
}

describe('Security | crash safety of the file driver', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-crash-'))
  let server: Server
  afterAll(async () => {
    await server?.kill()
    fs.rmSync(directory, { recursive: true, force: true })
  })

  it(`keeps every session file whole through repeated SIGKILLs under ${CLIENTS} writing clients`, async () => {
    server = new Server(await freePort(), directory)
    const url = `http://127.0.0.1:${server.port}`
    const sent = new Array<number>(CLIENTS).fill(0)
    const acknowledged = new Array<number>(CLIENTS).fill(0)
    const clients = Array.from({ length: CLIENTS }, () => new TestClient(url))
    const state = { writing: true }
    let writes = 0

    const writer = async (index: number) => {
      while (state.writing) {
        const n = ++sent[index]!
        try {
          const answer = await clients[index]!.get(`/crash/write?owner=${index}&n=${n}`)
          if (answer.status !== 200) throw new Error(`write ${n} of client ${index} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
          acknowledged[index] = n
          writes++
        } catch (error) {
          if (!/fetch failed|ECONNREFUSED|ECONNRESET|socket|terminated/i.test(`${(error as Error).message} ${(error as Error).cause ?? ''}`)) throw error
          await sleep(5 + crypto.randomInt(20)) // the server is down: try again shortly
        }
      }
    }

    const problems: string[] = []
    const checkFiles = (when: string) => {
      for (const name of fs.readdirSync(directory)) {
        if (!name.endsWith('.json')) continue
        let state: Record<string, unknown>
        try {
          state = JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8'))
        } catch (error) {
          problems.push(`${when}: ${name} does not parse: ${(error as Error).message}`)
          continue
        }
        const problem = checkState(state)
        if (problem) problems.push(`${when}: ${name}: ${problem}`)
        else if ((state.n as number) > sent[Number(state.owner)]!) problems.push(`${when}: ${name} holds state ${state.n}, never sent`)
      }
    }

    await server.start()
    const writers = clients.map((_, index) => writer(index))
    const started = Date.now()
    let kills = 0
    let tempsAfterKills = 0
    while (kills < MIN_KILLS || Date.now() - started < CYCLES_MS) {
      await sleep(150 + crypto.randomInt(450))
      await server.kill('SIGKILL')
      kills++
      checkFiles(`after kill ${kills}`)
      tempsAfterKills = Math.max(tempsAfterKills, fs.readdirSync(directory).filter((name) => name.endsWith('.tmp')).length)
      await server.start()
    }
    await sleep(500) // the last start serves writes for a while
    state.writing = false
    await Promise.all(writers)

    // Every client reads back a whole state, no older than its last acknowledged write.
    for (let index = 0; index < CLIENTS; index++) {
      if (acknowledged[index] === 0) continue
      const state = (await clients[index]!.get('/crash/read')).json() as Record<string, unknown>
      const problem = checkState(state)
      if (problem) problems.push(`read back: ${problem}`)
      else if ((state.n as number) < acknowledged[index]! || (state.n as number) > sent[index]!) {
        problems.push(`client ${index} reads state ${state.n}; acknowledged ${acknowledged[index]}, last sent ${sent[index]}`)
      }
    }
    checkFiles('at the end')
    // A graceful stop after the last restart: what crashes left behind must be gone by now.
    await server.kill('SIGTERM')
    const temps = fs.readdirSync(directory).filter((name) => name.endsWith('.tmp'))
    console.log(`crash test: ${kills} SIGKILLs in ${Date.now() - started} ms, ${writes} acknowledged writes by ${CLIENTS} clients, ` +
      `${fs.readdirSync(directory).length - temps.length} session files, at most ${tempsAfterKills} temp files after a kill, ${temps.length} at the end`)
    expect(problems).toEqual([])
    expect(temps).toEqual([])
  }, CYCLES_MS + 60_000)
})
