/**
 * Random bytes for IVs and CSRF pads, drawn from a pool filled by the CSPRNG a few kilobytes
 * at a time: one call per request into crypto.randomBytes costs more than the encryption.
 */
import crypto from 'node:crypto'

const POOL_SIZE = 8192
const pool = Buffer.allocUnsafe(POOL_SIZE)
let offset = POOL_SIZE

/** n fresh random bytes (n at most a few hundred), in a buffer of their own. */
export function randomBytes (n: number): Buffer {
  if (offset + n > POOL_SIZE) {
    crypto.randomFillSync(pool)
    offset = 0
  }
  const bytes = Buffer.allocUnsafe(n)
  pool.copy(bytes, 0, offset, offset + n)
  offset += n
  return bytes
}
