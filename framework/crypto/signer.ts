/**
 * HMAC-SHA256 signatures for cookie values. A purpose (the cookie's name, say) is part of what
 * is signed, so a value signed for one cookie is refused by another.
 */
import crypto from 'node:crypto'
import { BoundedCache } from '../support/bounded_cache'
import { deriveKeys, type KeyRing } from './keys'

export interface Unsigned {
  value: string
  /** Signed with a previous key: rewrite it with the current one. */
  stale: boolean
}

export class Signer {
  readonly #keys: KeyRing
  /** Signed values already checked, by purpose and value: only ever holds values whose signature matched. */
  readonly #verified = new BoundedCache<string, Unsigned>(10_000)

  constructor (appKeys: string[]) {
    this.#keys = deriveKeys(appKeys, 'sign')
  }

  /** `value.signature`, with the signature in base64url. */
  sign (value: string, purpose: string): string {
    return `${value}.${this.#mac(this.#keys[0]!, value, purpose)}`
  }

  /** The value when the signature matches one of the keys, else null. Never throws. */
  unsign (signed: string, purpose: string): Unsigned | null {
    const cacheKey = `${purpose}\0${signed}`
    const known = this.#verified.get(cacheKey)
    if (known !== undefined) return known
    const unsigned = this.#check(signed, purpose)
    if (unsigned !== null) this.#verified.set(cacheKey, unsigned)
    return unsigned
  }

  #check (signed: string, purpose: string): Unsigned | null {
    const dot = signed.lastIndexOf('.')
    if (dot < 1) return null
    const value = signed.slice(0, dot)
    // The signature as written, not as decoded: base64url decoding skips stray characters and
    // ignores the last character's low bits, so several spellings would decode to the same MAC.
    const given = Buffer.from(signed.slice(dot + 1))
    for (let index = 0; index < this.#keys.length; index++) {
      const expected = Buffer.from(this.#mac(this.#keys[index]!, value, purpose))
      if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return { value, stale: index > 0 }
    }
    return null
  }

  #mac (key: Buffer, value: string, purpose: string): string {
    return crypto.createHmac('sha256', key).update(purpose).update('\0').update(value).digest('base64url')
  }
}
