/** Session ids: 192 random bits in base64url, and the check every id passes before it is used. */
import crypto from 'node:crypto'

const ID_BYTES = 24
const ID_PATTERN = /^[A-Za-z0-9_-]{32}$/

export function newSessionId (): string {
  return crypto.randomBytes(ID_BYTES).toString('base64url')
}

/** Only ids of this exact shape reach a store (and so a file name or a Redis key). */
export function isSessionId (value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}
