/**
 * multipart/form-data bodies (forms opened with `files: true`), read in two steps so that no
 * file reaches the disk before the request has earned it:
 *
 * - fields() reads, in memory and within formLimit, the fields that come before the first file
 *   (the _method and _csrf fields form.open() writes first), and stops there. Routing, the
 *   CSRF check and the route's middleware run on them.
 * - receive(), called once the handler is about to run, streams the files to a temp folder
 *   within fileLimit, maxFiles and the app's upload budget (the bytes all requests together may
 *   hold in temp files), and reads the fields after them.
 *
 * A request turned away before its handler (404, 403, a middleware's redirect) has the rest of
 * its body read and dropped. Files the handler did not move are removed after the response.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import type { IncomingMessage } from 'node:http'
import path from 'node:path'
import type { Readable } from 'node:stream'
import busboy from 'busboy'
import qs from 'qs'
import { E_BODY_TOO_LARGE, E_MALFORMED_BODY, E_UPLOADS_BUSY } from '../errors'
import { foldArrayKeys } from './form_keys'
import { toBytes, type UploadBudget } from './uploads'
import { UploadedFile } from './uploaded_file'

export { UploadedFile, UploadedFiles, safeFileName } from './uploaded_file'

export interface MultipartLimits {
  /** Largest file, as bytes or a string such as '10mb'. */
  fileLimit: string | number
  /** Largest field value, and all fields together. */
  formLimit: string | number
  formDepth: number
  /** Most files in one request. */
  maxFiles: number
  /** Where files wait until the handler moves them or the response is out. */
  uploadsDir: string
}

export interface Multipart {
  fields: Record<string, unknown>
  /** In the order they were sent (the order of #writes), never the order their writes finished in. */
  files: UploadedFile[]
}

interface FilePart {
  name: string
  stream: Readable
  info: busboy.FileInfo
  /** busboy cut it at fileLimit: a small file does so while it waits for receive(), before it is written. */
  overLimit?: boolean
}

const noop = (): void => undefined

export class MultipartReader {
  readonly #req: IncomingMessage
  readonly #limits: MultipartLimits
  readonly #budget: UploadBudget
  readonly #parser: busboy.Busboy
  readonly #fileLimit: number
  readonly #formLimit: number
  readonly #pairs: Array<[string, string]> = []
  #fieldBytes = 0
  /** How many fields came before the first file (-1: no file yet): what fields() gives. */
  #fieldsBeforeFiles = -1
  /** File parts met before receive(), their streams left unread: the parser waits on them. */
  readonly #waiting: FilePart[] = []
  /** Files being written, in the order they came. */
  readonly #writes: Array<Promise<UploadedFile>> = []
  readonly #temps: string[] = []
  /** Ends each file being written: its temp file is left, the rest of its part read into nothing. */
  readonly #drops: Array<(reason: unknown) => void> = []
  #receiving = false
  /** Files are no longer wanted (a failure, or a request turned away): the rest of the body is read into nothing. */
  #dropping = false
  #failure: unknown = null
  /** Bytes this request took from the budget. */
  #taken = 0
  readonly #ended: Promise<void>
  #end!: () => void
  /** Resolves at the first failure: receive() answers then, not once the body is all read. */
  readonly #failed: Promise<void>
  #failNow!: () => void
  readonly #reachedFiles: Promise<void>
  #reachFiles!: () => void

  /** Starts reading a multipart request; a Content-Type busboy cannot read is a 400. */
  constructor (req: IncomingMessage, limits: MultipartLimits, budget: UploadBudget) {
    this.#req = req
    this.#limits = limits
    this.#budget = budget
    this.#fileLimit = toBytes(limits.fileLimit)
    // The fields together weigh at most formLimit, as a urlencoded body does: busboy limits each
    // field, and a thousand fields of formLimit each would otherwise all be kept in memory.
    this.#formLimit = toBytes(limits.formLimit)
    try {
      this.#parser = busboy({
        headers: req.headers,
        limits: { fileSize: this.#fileLimit, files: limits.maxFiles, fieldSize: this.#formLimit, fields: 1000 },
      })
    } catch (error) {
      throw E_MALFORMED_BODY('multipart', (error as Error).message)
    }
    this.#ended = new Promise((resolve) => { this.#end = resolve })
    this.#failed = new Promise((resolve) => { this.#failNow = resolve })
    this.#reachedFiles = new Promise((resolve) => { this.#reachFiles = resolve })
    this.#listen()
    req.pipe(this.#parser)
  }

  /** The fields before the first file, once they are read. */
  async fields (): Promise<Record<string, unknown>> {
    await Promise.race([this.#reachedFiles, this.#ended])
    if (this.#failure !== null) throw this.#failure
    const count = this.#fieldsBeforeFiles === -1 ? this.#pairs.length : this.#fieldsBeforeFiles
    return this.#parse(this.#pairs.slice(0, count))
  }

  /** Whether the files are still to be received (or dropped). */
  get pending (): boolean {
    return !this.#receiving && !this.#dropping
  }

  /** Writes the files to the temp folder and reads the rest of the body. */
  async receive (): Promise<Multipart> {
    this.#receiving = true
    for (const part of this.#waiting.splice(0)) this.#write(part)
    await Promise.race([this.#ended, this.#failed])
    const written = await Promise.allSettled(this.#writes)
    if (this.#failure !== null) {
      await this.#removeTemps()
      throw this.#failure
    }
    const files = written.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    return { fields: this.#parse(this.#pairs), files }
  }

  /** Reads the rest of the body into nothing: the handler will not run, its files are not wanted. */
  abandon (): void {
    if (this.pending) this.#drop()
  }

  /** After the response: removes the temp files the handler did not move (a moved one is gone already), and gives their bytes back. */
  async release (): Promise<void> {
    this.abandon()
    await this.#removeTemps()
    this.#budget.give(this.#taken)
    this.#taken = 0
  }

  #listen (): void {
    const parser = this.#parser
    parser.on('field', (name, value, info) => {
      // busboy gives no name (undefined) for a part named "": count what it does give.
      this.#fieldBytes += (name?.length ?? 0) + (value?.length ?? 0)
      if (info.valueTruncated || this.#fieldBytes > this.#formLimit) return this.#fail(E_BODY_TOO_LARGE(String(this.#limits.formLimit)))
      this.#pairs.push([name, value])
    })
    parser.on('file', (name, stream, info) => this.#onFile({ name, stream, info }))
    parser.on('filesLimit', () => this.#fail(E_BODY_TOO_LARGE(`${this.#limits.maxFiles} files`)))
    parser.on('error', (error: Error) => {
      // Not always followed by 'close': the parser is done either way, and the rest of the body is read into nothing.
      this.#fail(E_MALFORMED_BODY('multipart', error.message))
      this.#req.unpipe(parser)
      this.#req.resume()
      this.#finish()
    })
    parser.on('close', () => this.#finish())
    // A client that goes away mid-body: the parser would wait for the rest forever.
    const cutShort = (): void => {
      if (this.#req.complete) return
      this.#fail(E_MALFORMED_BODY('multipart', 'the body was cut short'))
      this.#parser.destroy()
    }
    this.#req.on('error', cutShort)
    this.#req.on('close', cutShort)
  }

  #onFile (part: FilePart): void {
    // A file input left empty, or a name such as __proto__ that would reach Object.prototype (as
    // qs refuses for fields): read and dropped. Its stream must be listened to for errors.
    if (!part.info.filename || Object.hasOwn(Object.prototype, part.name)) {
      part.stream.on('error', noop).resume()
      return
    }
    part.stream.on('error', noop)
    part.stream.once('limit', () => {
      part.overLimit = true
      if (this.#receiving) this.#fail(E_BODY_TOO_LARGE(String(this.#limits.fileLimit)))
    })
    if (this.#dropping) {
      part.stream.resume()
      return
    }
    if (this.#receiving) return this.#write(part)
    if (this.#fieldsBeforeFiles === -1) this.#fieldsBeforeFiles = this.#pairs.length
    this.#waiting.push(part)
    this.#reachFiles()
  }

  #write ({ name, stream, info, overLimit }: FilePart): void {
    // Never a truncated file: a part cut at fileLimit before it was written fails the request here.
    if (overLimit === true) this.#fail(E_BODY_TOO_LARGE(String(this.#limits.fileLimit)))
    // Made here, synchronously: the stream flows from the first 'data' listener on.
    fs.mkdirSync(this.#limits.uploadsDir, { recursive: true })
    const tmpPath = path.join(this.#limits.uploadsDir, crypto.randomBytes(16).toString('hex'))
    this.#temps.push(tmpPath)
    const sink = fs.createWriteStream(tmpPath)
    let size = 0
    const written = new Promise<UploadedFile>((resolve, reject) => {
      // Piped by hand rather than with pipeline(), which would destroy the parser's stream
      // with it, and busboy goes on writing to its streams after they fail.
      const drop = (reason: unknown): void => {
        stream.unpipe(sink)
        sink.destroy()
        stream.resume()
        reject(reason)
      }
      this.#drops.push(drop)
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (this.#budget.take(chunk.length)) this.#taken += chunk.length
        else this.#fail(E_UPLOADS_BUSY())
      })
      stream.on('error', drop)
      sink.on('error', drop)
      sink.on('finish', () => resolve(new UploadedFile(name, info.filename!, info.mimeType, size, tmpPath)))
    })
    // Settled in receive(), never left unhandled (which would stop the process).
    written.catch(noop)
    this.#writes.push(written)
    stream.pipe(sink)
  }

  #parse (pairs: Array<[string, string]>): Record<string, unknown> {
    const search = new URLSearchParams(pairs).toString()
    const fields = qs.parse(search, { depth: this.#limits.formDepth, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false })
    return pairs.some(([name]) => name?.includes('[]]')) ? foldArrayKeys(fields) as Record<string, unknown> : fields
  }

  #fail (error: unknown): void {
    this.#failure ??= error
    this.#failNow()
    // Later, not inside the parser's own event: busboy goes on using its state after emitting.
    process.nextTick(() => this.#drop())
  }

  /** From now on, file parts are read into nothing; the files being written stop where they are. */
  #drop (): void {
    this.#dropping = true
    for (const part of this.#waiting.splice(0)) part.stream.resume()
    for (const drop of this.#drops.splice(0)) drop(this.#failure ?? new Error('the files were not wanted'))
  }

  #finish (): void {
    this.#reachFiles()
    this.#end()
  }

  async #removeTemps (): Promise<void> {
    await Promise.all(this.#temps.map((temp) => fs.promises.rm(temp, { force: true })))
  }
}
