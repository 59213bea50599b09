/**
 * Files of public/, for GET and HEAD requests no route answers. Each carries Last-Modified
 * and an ETag (size and mtime), and a request that already holds the current version gets a
 * 304 without a body. Cache-Control comes from config/app.ts `static`: a short max-age by
 * default, a year and `immutable` for files whose name carries a content hash (app.3f9a1c2b.js),
 * which change name whenever they change. Dotfiles, paths outside public/ and links that lead
 * out of it are never served.
 */
import fs from 'node:fs'
import path from 'node:path'
import etag from 'etag'
import type Koa from 'koa'
import type Send from 'koa-send'

export interface StaticOptions {
  /** Cache-Control max-age of ordinary files, in seconds. */
  maxAge: number
  /** Files whose name matches are cached for a year, immutable: a content hash in the name. */
  immutable: RegExp | null
}

export const STATIC_DEFAULTS: StaticOptions = { maxAge: 0, immutable: /[.-][0-9a-f]{8,}\.\w+$/i }

const YEAR_MS = 365 * 24 * 3600 * 1000

export class PublicFiles {
  /** The real path of public/: files are served only when their own real path lies inside it. */
  constructor (readonly root: string, readonly options: StaticOptions) {}

  /** Serves the file the request's path names, if there is one; resolves with whether it did. */
  async serve (ctx: Koa.Context): Promise<boolean> {
    const file = await this.#fileOf(ctx.path)
    if (file === null) return false
    const immutable = this.options.immutable?.test(file) ?? false
    // Required on the first request for a file: a cold start need not load it (bench/startup.ts).
    const send = require('koa-send') as typeof Send
    try {
      await send(ctx, file, {
        root: this.root,
        hidden: false,
        maxage: immutable ? YEAR_MS : this.options.maxAge * 1000,
        immutable,
        setHeaders: (res, _path, stats) => { res.setHeader('ETag', etag(stats)) },
      })
    } catch (error) {
      const status = (error as { status?: unknown })?.status
      if (status === 404 || status === 400 || status === 403) return false
      throw error
    }
    // The browser's copy is current: no body (koa destroys the file stream once the answer is out).
    if (ctx.fresh) {
      ctx.status = 304
      ctx.body = null
    }
    return true
  }

  /** The file a URL path names, links followed, relative to root; null when there is none inside it. */
  async #fileOf (urlPath: string): Promise<string | null> {
    let decoded: string
    try {
      decoded = decodeURIComponent(urlPath)
    } catch {
      return null
    }
    if (decoded.includes('\0')) return null
    let real: string
    try {
      real = await fs.promises.realpath(path.join(this.root, decoded))
      if ((await fs.promises.stat(real)).isDirectory()) real = await fs.promises.realpath(path.join(real, 'index.html'))
    } catch {
      return null
    }
    const relative = path.relative(this.root, real)
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? null : relative
  }
}
