/**
 * Real Redis topologies for tests, each in a temp folder on free loopback ports: a Redis
 * Cluster (three masters, three replicas) and a Sentinel set (a master, a replica, three
 * sentinels). Every process is stopped by its PID: by stop(), and by an exit hook when a test
 * run ends without it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { freePorts } from './ports'

const run = promisify(execFile)
export const REDIS_PASSWORD = 'test-s3cret'

const running = new Set<ChildProcess>()
process.once('exit', () => { for (const child of running) child.kill('SIGKILL') })

/** One redis-server (or sentinel) process of a topology. */
export class RedisProcess {
  constructor (readonly port: number, readonly child: ChildProcess, readonly log: () => string) {}

  get url (): string {
    return `redis://:${REDIS_PASSWORD}@127.0.0.1:${this.port}`
  }

  /** A redis-cli command against this process; its reply as text. */
  async cli (...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-p', String(this.port), '-a', REDIS_PASSWORD, '--no-auth-warning', ...args], { timeout: 5000 })
    return stdout.trim()
  }

  /** A field of INFO (role, master_link_status...), or '' when it does not answer. */
  async info (field: string): Promise<string> {
    try {
      const text = await this.cli('info')
      return new RegExp(`^${field}:(.*)$`, 'm').exec(text)?.[1]?.trim() ?? ''
    } catch {
      return ''
    }
  }

  get alive (): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  /** SIGKILL: the process ends at once, as in a crash. */
  async kill (): Promise<void> {
    if (!this.alive) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.kill('SIGKILL')
    await exited
    running.delete(this.child)
  }
}

export interface RedisCluster {
  nodes: RedisProcess[]
  /** Seed URLs with the password, as config/session.js would list them. */
  urls: string[]
  /** The nodes that are masters now. */
  masters (): Promise<RedisProcess[]>
  stop (): Promise<void>
}

export interface RedisSentinelSet {
  master: RedisProcess
  replica: RedisProcess
  sentinels: RedisProcess[]
  name: string
  stop (): Promise<void>
}

/** Six cluster nodes, joined as three masters with a replica each, ready to serve every slot. */
export async function startRedisCluster (): Promise<RedisCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-cluster-'))
  const ports = await freePorts(6, 10_000) // the cluster bus listens on port + 10000
  const nodes: RedisProcess[] = []
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.kill()))
    fs.rmSync(dir, { recursive: true, force: true })
  }
  try {
    for (const port of ports) {
      fs.mkdirSync(path.join(dir, String(port)))
      nodes.push(await startServer(port, path.join(dir, String(port)), [
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '1000',
        '--masterauth', REDIS_PASSWORD,
      ]))
    }
    await run('redis-cli', ['-a', REDIS_PASSWORD, '--no-auth-warning', '--cluster', 'create',
      ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '1', '--cluster-yes'], { timeout: 30_000 })
    await until(async () => {
      const states = await Promise.all(nodes.map((node) => node.cli('cluster', 'info').catch(() => '')))
      if (!states.every((state) => /cluster_state:ok/.test(state) && /cluster_known_nodes:6/.test(state))) return false
      const links = await Promise.all(nodes.map(async (node) => (await node.info('role')) === 'master' || (await node.info('master_link_status')) === 'up'))
      return links.every(Boolean)
    }, 30_000, 'the cluster to serve every slot with every replica in sync')
  } catch (error) {
    await stop()
    throw error
  }
  return {
    nodes,
    urls: nodes.map((node) => node.url),
    masters: async () => {
      const roles = await Promise.all(nodes.map(async (node) => node.alive ? node.info('role') : ''))
      return nodes.filter((_, index) => roles[index] === 'master')
    },
    stop,
  }
}

/** A master and its replica (both with a password), and three sentinels that watch them as 'mymaster'. */
export async function startRedisSentinels (): Promise<RedisSentinelSet> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-sentinel-'))
  const [masterPort, replicaPort, ...sentinelPorts] = await freePorts(5)
  const processes: RedisProcess[] = []
  const name = 'mymaster'
  const stop = async () => {
    await Promise.all(processes.map((node) => node.kill()))
    fs.rmSync(dir, { recursive: true, force: true })
  }
  try {
    const master = await startServer(masterPort!, dir, ['--masterauth', REDIS_PASSWORD, '--dbfilename', `${masterPort}.rdb`])
    processes.push(master)
    const replica = await startServer(replicaPort!, dir, ['--masterauth', REDIS_PASSWORD, '--dbfilename', `${replicaPort}.rdb`,
      '--replicaof', '127.0.0.1', String(masterPort)])
    processes.push(replica)
    const sentinels: RedisProcess[] = []
    for (const port of sentinelPorts) {
      const file = path.join(dir, `sentinel-${port}.conf`)
      fs.writeFileSync(file, [
        `port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, `requirepass ${REDIS_PASSWORD}`,
        `sentinel monitor ${name} 127.0.0.1 ${masterPort} 2`,
        `sentinel auth-pass ${name} ${REDIS_PASSWORD}`,
        `sentinel sentinel-pass ${REDIS_PASSWORD}`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 5000`,
        '',
      ].join('\n'))
      const sentinel = await startServer(port, dir, [], [file, '--sentinel'])
      processes.push(sentinel)
      sentinels.push(sentinel)
    }
    await until(async () => {
      if ((await replica.info('master_link_status')) !== 'up') return false
      const views = await Promise.all(sentinels.map((sentinel) => sentinel.cli('sentinel', 'master', name).catch(() => '')))
      return views.every((view) => /num-other-sentinels\n2$/m.test(view) && /num-slaves\n1$/m.test(view))
    }, 30_000, 'the sentinels to know each other and the replica')
    return { master, replica, sentinels, name, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * Starts redis-server on a loopback port with a password and no persistence, and resolves once
 * it answers PING. `head` comes first on the command line (a sentinel's config file).
 */
async function startServer (port: number, dir: string, extra: string[], head: string[] = []): Promise<RedisProcess> {
  const args = [...head, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no',
    '--daemonize', 'no', ...(head.length > 0 ? [] : ['--requirepass', REDIS_PASSWORD]), ...extra]
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let output = ''
  child.stdout!.on('data', (chunk) => { output += chunk })
  child.stderr!.on('data', (chunk) => { output += chunk })
  child.once('exit', () => running.delete(child))
  const node = new RedisProcess(port, child, () => output)
  try {
    await until(async () => {
      if (!node.alive) throw new Error(`redis-server ${args.join(' ')} exited:\n${output}`)
      return (await node.cli('ping').catch(() => '')) === 'PONG'
    }, 15_000, `redis-server on port ${port} to answer`)
  } catch (error) {
    await node.kill()
    throw error
  }
  return node
}

/** Resolves once check() is true; rejects after ms, naming what it waited for. */
export async function until (check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Resolves once every live replica among nodes has applied all that its master has written so far. */
export async function replicated (nodes: RedisProcess[]): Promise<void> {
  const live = nodes.filter((node) => node.alive)
  const roles = await Promise.all(live.map((node) => node.info('role')))
  const targets = new Map<RedisProcess, number>()
  for (const [index, node] of live.entries()) {
    if (roles[index] !== 'slave') continue
    const masterPort = Number(await node.info('master_port'))
    const owner = live.find((other) => other.port === masterPort)
    if (owner) targets.set(node, Number(await owner.info('master_repl_offset')))
  }
  await until(async () => {
    const offsets = await Promise.all([...targets.keys()].map((replica) => replica.info('slave_repl_offset')))
    return [...targets.values()].every((target, index) => Number(offsets[index]) >= target)
  }, 30_000, 'the replicas to catch up with their masters')
}
