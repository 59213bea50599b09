/**
 * multipart/form-data bodies (forms opened with `files: true`): fields become the body like a
 * urlencoded form's, files are streamed to a temp folder, within size limits, and removed
 * after the response unless the handler moved them with file.move().
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type Koa from 'koa'
import busboy from 'busboy'
import qs from 'qs'
import { E_BODY_TOO_LARGE, E_MALFORMED_BODY } from '../errors'

export interface MultipartLimits {
  /** Largest file, as bytes or a string such as '10mb'. */
  fileLimit: string | number
  /** Largest field value. */
  formLimit: string | number
  formDepth: number
  /** Most files in one request. */
  maxFiles: number
}

/** A file that came with the request. */
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
    public tmpPath: string,
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

export interface Multipart {
  fields: Record<string, unknown>
  files: Record<string, UploadedFile[]>
}

const UPLOADS = path.join(os.tmpdir(), 'adonis-lite-uploads')

export async function parseMultipart (ctx: Koa.Context, limits: MultipartLimits): Promise<Multipart> {
  await fs.promises.mkdir(UPLOADS, { recursive: true })
  const fileLimit = toBytes(limits.fileLimit)
  // The fields together weigh at most formLimit, as a urlencoded body does: busboy limits each
  // field, and a thousand fields of formLimit each would otherwise all be kept in memory.
  const formLimit = toBytes(limits.formLimit)
  const files: Record<string, UploadedFile[]> = {}
  const pairs = new URLSearchParams()
  const writes: Array<Promise<void>> = []
  /** Every temp file begun, complete or not, and its stream: all of them go when the body turns out bad. */
  const temps: string[] = []
  const streams: Readable[] = []
  let failure: unknown = null

  let parser: busboy.Busboy
  try {
    parser = busboy({ headers: ctx.req.headers, limits: { fileSize: fileLimit, files: limits.maxFiles, fieldSize: formLimit, fields: 1000 } })
  } catch (error) {
    throw E_MALFORMED_BODY('multipart', (error as Error).message)
  }
  let fieldBytes = 0
  parser.on('field', (name, value, info) => {
    // busboy gives no name (undefined) for a part named "": count what it does give.
    fieldBytes += (name?.length ?? 0) + (value?.length ?? 0)
    if (info.valueTruncated || fieldBytes > formLimit) failure ??= E_BODY_TOO_LARGE(String(limits.formLimit))
    if (failure === null) pairs.append(name, value)
  })
  parser.on('file', (name, stream, info) => {
    // As qs does for fields: a name such as __proto__ or constructor would reach Object.prototype.
    // The file is read and dropped; a body cut short errors its stream, which must be listened to.
    if (Object.hasOwn(Object.prototype, name)) return void stream.on('error', () => undefined).resume()
    const tmpPath = path.join(UPLOADS, crypto.randomBytes(16).toString('hex'))
    temps.push(tmpPath)
    streams.push(stream)
    let size = 0
    stream.on('data', (chunk: Buffer) => { size += chunk.length })
    stream.on('limit', () => { failure ??= E_BODY_TOO_LARGE(String(limits.fileLimit)) })
    const write = pipeline(stream, fs.createWriteStream(tmpPath)).then(() => {
      if (!info.filename) return fs.promises.rm(tmpPath, { force: true }) // a file input left empty
      ;(files[name] ??= []).push(new UploadedFile(name, info.filename, info.mimeType, size, tmpPath))
    })
    // A body cut short fails the file's stream too: that failure is handled below, never left
    // unhandled (which would stop the process).
    write.catch(() => undefined)
    writes.push(write)
  })
  parser.on('filesLimit', () => { failure ??= E_BODY_TOO_LARGE(`${limits.maxFiles} files`) })

  try {
    await pipeline(ctx.req, parser)
    await Promise.all(writes)
  } catch (error) {
    failure ??= E_MALFORMED_BODY('multipart', (error as Error).message)
  }
  const result = { fields: qs.parse(pairs.toString(), { depth: limits.formDepth, arrayLimit: 100, allowPrototypes: false }), files }
  if (failure !== null) {
    // A parser that failed mid-file may leave that file's stream open: end them all first.
    for (const stream of streams) stream.destroy()
    await Promise.allSettled(writes)
    await Promise.all(temps.map((file) => fs.promises.rm(file, { force: true })))
    throw failure
  }
  return result
}

/** Removes the temp files the handler did not move. */
export async function removeUploads (files: Record<string, UploadedFile[]>): Promise<void> {
  const left = Object.values(files).flat().filter((file) => !file.moved)
  await Promise.all(left.map((file) => fs.promises.rm(file.tmpPath, { force: true })))
}

/** A file name that stays in the folder it is given: no path, no control characters, no leading dots. */
export function safeFileName (name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f/]/g, '').replace(/^\.+/, '')
  return base === '' ? crypto.randomBytes(8).toString('hex') : base.slice(0, 200)
}

/** '10mb' -> 10485760; numbers are bytes. */
export function toBytes (limit: string | number): number {
  if (typeof limit === 'number') return limit
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit)
  if (!match) throw new TypeError(`config/bodyParser: '${limit}' is not a size (write 512kb, 10mb or a number of bytes)`)
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b']
  return Math.floor(Number(match[1]) * unit)
}
