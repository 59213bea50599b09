/** A file that came with a multipart request, and where it may be moved. */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export class UploadedFile {
  #moved = false

  constructor (
    /** The form field it came in. */
    readonly fieldName: string,
    /** The name the browser gave it: never trust it as a path. */
    readonly clientName: string,
    /** The MIME type the browser gave it. */
    readonly type: string,
    readonly size: number,
    /** Where it is until the response is sent. */
    public tmpPath: string
  ) {}

  /** Moves it into directory (created if needed) under name (by default the client's name, made safe); resolves with the new path. */
  async move (directory: string, name: string = safeFileName(this.clientName)): Promise<string> {
    const target = path.join(directory, safeFileName(name))
    await fs.promises.mkdir(directory, { recursive: true })
    try {
      await fs.promises.rename(this.tmpPath, target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
      await fs.promises.copyFile(this.tmpPath, target)
      await fs.promises.unlink(this.tmpPath)
    }
    this.#moved = true
    this.tmpPath = target
    return target
  }

  get moved (): boolean {
    return this.#moved
  }
}

/** A file name that stays in the folder it is given: no path, no control characters, no leading dots. */
export function safeFileName (name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f/]/g, '').replace(/^\.+/, '')
  return base === '' ? crypto.randomBytes(8).toString('hex') : base.slice(0, 200)
}
