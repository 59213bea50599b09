/**
 * A file that came with a multipart request, with AdonisJs 3's File methods: its checks
 * (maxSize, allowedExtensions) run in move(), which records a problem in errors() rather than
 * throwing, as v3 did.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { E_FILE_DELETED } from '../errors'
import { toBytes } from './uploads'

/** What request.file(name, options) checks before move() puts a file in place. */
export interface FileOptions {
  /** Largest size move() accepts, as bytes or a string such as '2mb'. */
  maxSize?: string | number
  /** Extensions move() accepts, without the dot: ['jpg', 'png']. */
  allowedExtensions?: string[]
}

export class UploadedFile {
  #tmpPath: string
  #uploadName = ''
  #uploadPath = ''
  #error: string | null = null
  #moved = false
  #deleted = false
  #maxSize: number | null = null
  #allowedExtensions: string[] = []

  constructor (
    /** The form field it came in. */
    readonly fieldName: string,
    readonly name: string,
    readonly type: string,
    readonly size: number,
    tmpPath: string
  ) {
    this.#tmpPath = tmpPath
  }

  /** Sets the checks move() applies; request.file(name, options) calls it. */
  limit (options: FileOptions = {}): this {
    this.#maxSize = options.maxSize === undefined ? null : toBytes(options.maxSize, 'maxSize')
    this.#allowedExtensions = options.allowedExtensions ?? []
    return this
  }

  /** The name the browser gave it: never trust it as a path. */
  clientName (): string { return this.name }
  /** The MIME type the browser gave it. */
  mimeType (): string { return this.type }
  /** The extension of its client name, without the dot ('' for none). */
  extension (): string { return path.extname(this.name).slice(1) }
  /** Its size in bytes, as received. */
  clientSize (): number { return this.size }
  /** Where it waits until the response is sent (removed then, unless moved). */
  tmpPath (): string { return this.#tmpPath }
  /** The name it was moved under, or '' before a move. */
  uploadName (): string { return this.#uploadName }
  /** Where it was moved, or '' before a move. */
  uploadPath (): string { return this.#uploadPath }
  /** Whether it is still on disk (not deleted). */
  exists (): boolean { return !this.#deleted }
  /** Whether move() put it in place. */
  moved (): boolean { return this.#moved }
  /** Why the last move() did not happen (too large, wrong extension, a disk error), or null. */
  errors (): string | null { return this.#error }

  /**
   * Moves it into directory (created if needed) under name (by default the client's name, made
   * safe), once the size and extension checks pass. Resolves with the new path, or null with
   * the reason in errors().
   */
  async move (directory: string, name: string = this.name): Promise<string | null> {
    if (this.#deleted) throw E_FILE_DELETED(this.name)
    this.#error = this.#problem()
    if (this.#error !== null) return null
    const fileName = safeFileName(name)
    const target = path.join(directory, fileName)
    try {
      await moveFile(this.#tmpPath, directory, target)
    } catch (error) {
      this.#error = (error as Error).message
      return null
    }
    this.#moved = true
    this.#uploadName = fileName
    this.#uploadPath = target
    this.#tmpPath = target
    return target
  }

  /** Removes it from disk, from where it was moved or its temp folder. */
  async delete (): Promise<void> {
    if (this.#deleted) throw E_FILE_DELETED(this.name)
    await fs.promises.rm(this.#tmpPath, { force: true })
    this.#deleted = true
  }

  /** What v3 gave for a file in JSON: the browser's name, type and size, its paths, and the checks' outcome. */
  toJSON (): Record<string, unknown> {
    return {
      fieldName: this.fieldName,
      name: this.name,
      type: this.type,
      size: this.size,
      path: this.#tmpPath,
      fileName: this.#uploadName,
      filePath: this.#uploadPath,
      error: this.#error,
      deleted: this.#deleted,
      maxSize: this.#maxSize,
      allowedExtensions: this.#allowedExtensions,
    }
  }

  /** v3's messages: the extension is checked first, then the size. */
  #problem (): string | null {
    if (this.#allowedExtensions.length > 0 && !this.#allowedExtensions.includes(this.extension())) {
      return `Uploaded file extension ${this.extension()} is not valid`
    }
    if (this.#maxSize !== null && this.size > this.#maxSize) {
      return `Uploaded file size ${formatBytes(this.size)} exceeds the limit of ${formatBytes(this.#maxSize)}`
    }
    return null
  }
}

/** Several files sent in one field (photos[]), in the order they were sent. */
export class UploadedFiles extends Array<UploadedFile> {
  /** Plain arrays from map() and filter(). */
  static override get [Symbol.species] () { return Array }

  /** Moves each file into directory, under the name nameFor gives (by default its client name); resolves with the files moved. */
  async moveAll (directory: string, nameFor: (file: UploadedFile) => string = (file) => file.clientName()): Promise<UploadedFile[]> {
    for (const file of this) await file.move(directory, nameFor(file))
    return this.movedList()
  }

  /** The files moved so far. */
  movedList (): UploadedFile[] {
    return this.filter((file) => file.moved())
  }

  /** Whether every file was moved. */
  movedAll (): boolean {
    return this.every((file) => file.moved())
  }

  /** Why files were not moved: { clientName, error } for each. */
  errors (): Array<{ clientName: string, error: string }> {
    return this.filter((file) => file.errors() !== null).map((file) => ({ clientName: file.clientName(), error: file.errors()! }))
  }
}

async function moveFile (from: string, directory: string, target: string): Promise<void> {
  await fs.promises.mkdir(directory, { recursive: true })
  try {
    await fs.promises.rename(from, target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await fs.promises.copyFile(from, target)
    await fs.promises.unlink(from)
  }
}

function formatBytes (bytes: number): string {
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= size) return `${Math.round((bytes / size) * 100) / 100}${unit}`
  }
  return `${bytes}B`
}

/** A file name that stays in the folder it is given: no path, no control characters, no leading dots. */
export function safeFileName (name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f/]/g, '').replace(/^\.+/, '')
  return base === '' ? crypto.randomBytes(8).toString('hex') : base.slice(0, 200)
}
