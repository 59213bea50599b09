/**
 * What every stack agrees on: the items a seeded session holds, the sign-up form's failure,
 * and the views folder they all render from.
 */
import path from 'node:path'

/** The three small objects each stack puts in a session on GET /seed (and the raw stack renders as is). */
export const CART_ITEMS = [
  { sku: 'A-100', name: 'Espresso beans', quantity: 2, price: '12.50' },
  { sku: 'B-200', name: 'Milk jug', quantity: 1, price: '8.00' },
  { sku: 'C-300', name: 'Tamper', quantity: 1, price: '24.90' },
]

/** The shared Nunjucks views (the adonis-lite app's resources/views links here too). */
export const VIEWS_DIR = path.resolve(__dirname, '..', '..', 'views')

/** A session lasts two hours in every stack. */
export const SESSION_AGE_MS = 2 * 60 * 60 * 1000

/** The port and, for the stores that need them, the Redis prefix and the session folder, from run.ts. */
export function serverSettings (): { port: number, host: string, redisUrl: string, redisPrefix: string, sessionDirectory: string } {
  return {
    port: Number(process.env.PORT || 3333),
    host: process.env.HOST || '127.0.0.1',
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisPrefix: process.env.REDIS_PREFIX || 'bench:peer:',
    sessionDirectory: process.env.SESSION_DIRECTORY || path.join(require('node:os').tmpdir(), 'bench-sessions'),
  }
}

/** Stops a server on SIGTERM/SIGINT after its connections and stores are closed. */
export function stopOn (close: () => Promise<void> | void): void {
  const stop = () => {
    Promise.resolve(close()).finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}
