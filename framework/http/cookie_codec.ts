/**
 * Values of response.cookie(): JSON, encrypted and authenticated with the app key and bound
 * to the cookie's name, so they can be neither read nor forged nor moved to another cookie.
 */
import type { Encrypter } from '../crypto/encrypter'

export class CookieCodec {
  constructor (readonly encrypter: Encrypter) {}

  encode (value: unknown, name: string): string {
    return this.encrypter.encrypt(JSON.stringify(value), `cookie:${name}`)
  }

  /** The value, or undefined when the cookie is missing or was not written by this app. */
  read (raw: string | undefined, name: string): unknown {
    if (!raw) return undefined
    const decrypted = this.encrypter.decrypt(raw, `cookie:${name}`)
    if (!decrypted) return undefined
    try {
      return JSON.parse(decrypted.value)
    } catch {
      return undefined
    }
  }
}
