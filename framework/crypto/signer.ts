/**
 * HMAC-SHA256 signatures for cookie values. A purpose (the cookie's name, say) is part of what
 * is signed, so a value signed for one cookie is refused by another.
 */
import crypto from 'node:crypto'
import { TokenCache } from '../support/bounded_cache'
import { deriveKeys, type KeyRing } from './keys'

export interface Unsigned {
  value: string
  /** Signed with a previous key: rewrite it with the current one. */
  stale: boolean
}

export class Signer {
  readonly #keys: KeyRing
  /**
   * Signed values known to be good (checked, or signed here), by the signed text: the browser
   * sends the same cookie on every request. Only ever holds values whose signature matched.
   */
  readonly #verified = new TokenCache<Unsigned & { purpose: string }>(10_000)

  constructor (appKeys: string[]) {
    this.#keys = deriveKeys(appKeys, 'sign')
  }

  /** `value.signature`, with the signature in base64url. */
  sign (value: string, purpose: string): string {
    const signed = `${value}.${this.#mac(this.#keys[0]!, value, purpose)}`
    this.#verified.set(signed, { value, stale: false, purpose })
    return signed
  }

  /** The value when the signature matches one of the keys, else null. Never throws. */
  unsign (signed: string, purpose: string): Unsigned | null {
    const known = this.#verified.get(signed)
    if (known !== undefined && known.purpose === purpose) return known
    const unsigned = this.#check(signed, purpose)
    if (unsigned !== null) this.#verified.set(signed, { ...unsigned, purpose })
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
