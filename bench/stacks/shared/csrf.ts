/**
 * The peers' CSRF protection, doing the work adonis-lite's Shield does: a random secret per
 * session, a token per render that is the secret masked with a fresh pad, and a
 * constant-time comparison of the unmasked token on POST.
 */
import crypto from 'node:crypto'

const SECRET_BYTES = 32

export function newSecret (): string {
  return crypto.randomBytes(SECRET_BYTES).toString('base64url')
}

/** A token for a form: pad + (pad XOR secret), base64url. */
export function maskedToken (secret: string): string {
  const secretBytes = Buffer.from(secret, 'base64url')
  const pad = crypto.randomBytes(secretBytes.length)
  return Buffer.concat([pad, xor(pad, secretBytes)]).toString('base64url')
}

/** Whether a token from a form unmasks to the session's secret. */
export function verifyToken (secret: unknown, token: unknown): boolean {
  if (typeof secret !== 'string' || typeof token !== 'string' || token.length === 0 || token.length > 200) return false
  const secretBytes = Buffer.from(secret, 'base64url')
  const raw = Buffer.from(token, 'base64url')
  if (raw.length !== secretBytes.length * 2) return false
  return crypto.timingSafeEqual(xor(raw.subarray(0, secretBytes.length), raw.subarray(secretBytes.length)), secretBytes)
}

function xor (a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length)
  for (let index = 0; index < a.length; index++) out[index] = a[index]! ^ b[index]!
  return out
}
