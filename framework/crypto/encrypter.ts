/**
 * Authenticated encryption (AES-256-GCM) for cookie contents. The purpose is bound as
 * additional data, so a value encrypted for one cookie or session cannot be replayed in another.
 */
import crypto from 'node:crypto'
import { deriveKeys, type KeyRing } from './keys'
import { randomBytes } from './random'

const IV_BYTES = 12
const TAG_BYTES = 16

export interface Decrypted {
  value: string
  /** Encrypted with a previous key: rewrite it with the current one. */
  stale: boolean
}

export class Encrypter {
  readonly #keys: KeyRing

  constructor (appKeys: string[]) {
    this.#keys = deriveKeys(appKeys, 'encrypt')
  }

  /** base64url(iv | ciphertext | tag). */
  encrypt (plaintext: string, purpose: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#keys[0]!, iv)
    cipher.setAAD(Buffer.from(purpose))
    const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
    return body.toString('base64url')
  }

  /** The plaintext when the token is authentic under one of the keys, else null. Never throws. */
  decrypt (token: string, purpose: string): Decrypted | null {
    const body = Buffer.from(token, 'base64url')
    if (body.length < IV_BYTES + TAG_BYTES) return null
    // Only the one spelling encrypt() gives: base64url decoding skips stray characters, so
    // edited tokens would otherwise still decrypt.
    if (body.toString('base64url') !== token) return null
    const iv = body.subarray(0, IV_BYTES)
    const tag = body.subarray(body.length - TAG_BYTES)
    const ciphertext = body.subarray(IV_BYTES, body.length - TAG_BYTES)
    for (let index = 0; index < this.#keys.length; index++) {
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', this.#keys[index]!, iv)
        decipher.setAAD(Buffer.from(purpose))
        decipher.setAuthTag(tag)
        const plaintext = decipher.update(ciphertext)
        decipher.final() // checks the tag; GCM gives no more bytes here, so nothing to concatenate
        return { value: plaintext.toString('utf8'), stale: index > 0 }
      } catch {
        // not this key, or tampered
      }
    }
    return null
  }
}
