/**
 * What uploads may take, kept apart from the multipart parser so that booting an app does not
 * load busboy (it is required on the first multipart body: bench/startup.ts).
 */
import os from 'node:os'
import path from 'node:path'
import { E_INVALID_CONFIG } from '../errors'

/** The default uploadsDir. */
export const UPLOADS_DIR = path.join(os.tmpdir(), 'adonis-lite-uploads')
/** The bytes of uploads one app holds in temp files at once, across all its requests. */
export class UploadBudget {
  #held = 0

  constructor (readonly limit: number) {}

  get held (): number {
    return this.#held
  }

  /** Takes bytes from the budget; false (and nothing taken) when they do not fit. */
  take (bytes: number): boolean {
    if (this.#held + bytes > this.limit) return false
    this.#held += bytes
    return true
  }

  give (bytes: number): void {
    this.#held -= bytes
  }
}

/** '10mb' -> 10485760; numbers are bytes. `key` names the setting in the error for a size it cannot read. */
export function toBytes (limit: string | number, key = 'a size'): number {
  if (typeof limit === 'number' && limit >= 0) return limit
  const match = typeof limit === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit) : null
  if (!match) throw E_INVALID_CONFIG('config/bodyParser.js', key, `is ${JSON.stringify(limit)}, not a size: write 512kb, 10mb or a number of bytes`)
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b']
  return Math.floor(Number(match[1]) * unit)
}
