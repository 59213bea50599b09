/**
 * Hosts of their own for tests: Linux network namespaces on a bridge, each with one address
 * on a private /24, reachable from the test process through the bridge. Needs root (as CI
 * runs). Names carry a random tag, so two runs never collide, and everything is removed by
 * remove(), or by an exit hook when a run ends without it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'

export interface Host {
  name: string
  address: string
  /** Starts a process inside this host's namespace. */
  spawn (command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): ChildProcess
}

export interface HostNetwork {
  hosts: Host[]
  remove (): void
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString()

/** `count` hosts on one bridge, and the bridge's own address for the test process. */
export function createHosts (count: number): HostNetwork {
  const tag = randomBytes(3).toString('hex')
  const subnet = freeSubnet()
  const bridge = `alb${tag}`
  const names = Array.from({ length: count }, (_, index) => `adonis-lite-${tag}-${index}`)
  const children = new Set<ChildProcess>()
  let removed = false
  const remove = () => {
    if (removed) return
    removed = true
    for (const child of children) child.kill('SIGKILL')
    for (const name of names) quietly(() => ip('netns', 'del', name))
    quietly(() => ip('link', 'del', bridge))
  }
  process.once('exit', remove)
  try {
    ip('link', 'add', bridge, 'type', 'bridge')
    ip('addr', 'add', `${subnet}.1/24`, 'dev', bridge)
    ip('link', 'set', bridge, 'up')
    const hosts = names.map((name, index): Host => {
      const address = `${subnet}.${index + 2}`
      const outside = `alv${tag}${index}`
      ip('netns', 'add', name)
      ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', name)
      ip('link', 'set', outside, 'master', bridge)
      ip('link', 'set', outside, 'up')
      ip('-n', name, 'addr', 'add', `${address}/24`, 'dev', 'eth0')
      ip('-n', name, 'link', 'set', 'eth0', 'up')
      ip('-n', name, 'link', 'set', 'lo', 'up')
      return {
        name,
        address,
        spawn: (command, args, env, cwd) => {
          const child = spawn('ip', ['netns', 'exec', name, command, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
          children.add(child)
          child.once('exit', () => children.delete(child))
          return child
        },
      }
    })
    return { hosts, remove }
  } catch (error) {
    remove()
    throw error
  }
}

/** A 10.x.y.0/24 that no interface or route of this machine uses yet. */
function freeSubnet (): string {
  const used = ip('-4', 'route', 'show', 'table', 'all') + ip('-4', 'addr', 'show')
  for (;;) {
    const subnet = `10.${100 + Math.floor(Math.random() * 150)}.${Math.floor(Math.random() * 256)}`
    if (!used.includes(`${subnet}.`)) return subnet
  }
}

function quietly (step: () => void): void {
  try {
    step()
  } catch {
    // already gone
  }
}
