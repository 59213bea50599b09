import net from 'node:net'

/** A loopback port nothing listens on right now, for a server a test starts in a child process. */
export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * `count` distinct loopback ports nothing listens on, each with port + offset free too when an
 * offset is given (a Redis Cluster node's bus listens there). Drawn from 20000-29999, below
 * the ephemeral ports the kernel hands out, so that port + 10000 stays a valid port.
 */
export async function freePorts (count: number, offset = 0): Promise<number[]> {
  const ports: number[] = []
  while (ports.length < count) {
    const port = 20_000 + Math.floor(Math.random() * 10_000)
    if (ports.includes(port) || ports.includes(port + offset)) continue
    if (await isFree(port) && (offset === 0 || await isFree(port + offset))) ports.push(port)
  }
  return ports
}

function isFree (port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}
