/**
 * Keys derived from APP_KEY (and APP_KEY_PREVIOUS during a rotation): one for signing and one
 * for encryption, so neither use can be turned against the other.
 */
import crypto from 'node:crypto'

/** The current key first, then previous ones that are still accepted when reading. */
export type KeyRing = Buffer[]

export function deriveKeys (appKeys: string[], use: 'sign' | 'encrypt'): KeyRing {
  return appKeys.map((appKey) => Buffer.from(crypto.hkdfSync('sha256', appKey, 'adonis-lite', use, 32)))
}
