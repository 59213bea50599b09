/**
 * One server under test: started as its own process with the same Node flags and
 * NODE_ENV=production as every other, watched through /proc for its memory, stopped
 * with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import type { Stack } from './stacks'

export interface ServerSettings {
  appKey: string
  redisUrl: string
  redisPrefix: string
  sessionDirectory: string
  nodeFlags: string[]
  /** BENCH_ROUTES: how many routes the app has (0: the app as it is). */
  routes: number
}

const HOST = '127.0.0.1'

export class ServerProcess {
  readonly stack: Stack
  readonly port: number
  readonly child: ChildProcess
  #output = ''
  #exit: string | null = null

  private constructor (stack: Stack, port: number, child: ChildProcess) {
    this.stack = stack
    this.port = port
    this.child = child
    const keep = (chunk: Buffer) => { this.#output = (this.#output + chunk.toString()).slice(-8000) }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    child.on('exit', (code, signal) => { this.#exit = signal ? `signal ${signal}` : `code ${code}` })
  }

  static async start (stack: Stack, settings: ServerSettings): Promise<ServerProcess> {
    const port = await freePort()
    const args = [...settings.nodeFlags, ...stack.command.args.map((arg) => arg.replace('{port}', String(port)))]
    const child = spawn(process.execPath, args, {
      cwd: stack.command.cwd,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_KEY: settings.appKey,
        HOST,
        PORT: String(port),
        REDIS_URL: settings.redisUrl,
        REDIS_PREFIX: settings.redisPrefix,
        SESSION_DIRECTORY: settings.sessionDirectory,
        BENCH_ROUTES: String(settings.routes),
        ...stack.command.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const server = new ServerProcess(stack, port, child)
    await server.#ready()
    return server
  }

  get baseUrl (): string {
    return `http://${HOST}:${this.port}`
  }

  get pid (): number {
    return this.child.pid!
  }

  /** Why it stopped, if it did. */
  get exit (): string | null {
    return this.#exit
  }

  /** What it printed last. */
  get output (): string {
    return this.#output.trim()
  }

  /** Resident memory in MB (VmRSS), or null where /proc is missing. */
  rssMb (): number | null {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.pid}/status`, 'utf8'))
      return match ? Number(match[1]) / 1024 : null
    } catch {
      return null
    }
  }

  async stop (): Promise<void> {
    if (this.#exit !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }

  /** Waits until GET / answers (at most 30 s), or fails with what the process printed. */
  async #ready (): Promise<void> {
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      if (this.#exit !== null) throw new Error(`${this.stack.name} exited (${this.#exit}) while starting:\n${this.output}`)
      try {
        const response = await fetch(`${this.baseUrl}/`)
        await response.arrayBuffer()
        if (response.status === 200) return
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await this.stop()
    throw new Error(`${this.stack.name} did not answer GET / within 30 s:\n${this.output}`)
  }
}

function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
