/**
 * A redis client that ends without the store closing it connects again (reconnectAfterEnd):
 * ioredis can end a Sentinel client for good in the middle of a failover.
 */
import { once } from 'node:events'
import { Redis } from 'ioredis'
import { reconnectAfterEnd } from '../../framework/session/stores/redis_client'

const REDIS_URL = 'redis://127.0.0.1:6379'

async function ready (client: Redis): Promise<void> {
  if (client.status !== 'ready') await once(client, 'ready')
}

describe('Session | redis client after an unexpected end', () => {
  it('connects again and answers commands when the client ended on its own', async () => {
    const client = new Redis(REDIS_URL)
    let closing = false
    reconnectAfterEnd(client, () => closing)
    try {
      await ready(client)
      const ended = once(client, 'end')
      // What ioredis does on the failover race: the connection is dropped and no reconnect is planned.
      client.disconnect()
      await ended
      expect(client.status).toBe('end')
      await once(client, 'ready')
      expect(await client.ping()).toBe('PONG')
    } finally {
      closing = true
      client.disconnect()
    }
  })

  it('stays ended when the store is closing', async () => {
    const client = new Redis(REDIS_URL)
    let closing = false
    reconnectAfterEnd(client, () => closing)
    await ready(client)
    closing = true
    client.disconnect()
    await once(client, 'end')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(client.status).toBe('end')
  })
})
