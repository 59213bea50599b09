#!/usr/bin/env node
'use strict'
/**
 * Compiles framework/ into dist/: JavaScript (CommonJS) and .d.ts types, with tsc and
 * tsconfig.build.json, plus the files tsc does not emit (the CLI's stubs). This script is part
 * of a checkout only, never of the published package.
 *
 *   node scripts/build.js              a clean build (npm run build, and npm ci through prepare)
 *   node scripts/build.js --if-stale   only when a file under framework/ changed since the last one
 *
 * The checkout's bin/adonis-lite and the test setup use --if-stale, so what runs from a checkout
 * is always its current source, without a watcher.
 */
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..')
const SOURCE = path.join(ROOT, 'framework')
const DIST = path.join(ROOT, 'dist')
/** Written last: its time is the time of the last complete build. */
const STAMP = path.join(DIST, '.stamp')
/** Held while a build runs, so that two processes started at once do not write dist/ together. */
const LOCK = path.join(ROOT, '.dist.lock')
const STALE_LOCK_MS = 5 * 60_000

/** The newest modification time of a file or folder under dir (a deleted file changes its folder's). */
function newestChange (dir) {
  let newest = fs.statSync(dir).mtimeMs
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestChange(file) : fs.statSync(file).mtimeMs)
  }
  return newest
}

function isStale () {
  if (!fs.existsSync(STAMP)) return true
  return newestChange(SOURCE) > fs.statSync(STAMP).mtimeMs
}

/** tsc from this checkout's devDependencies; a one-line error when they are not installed. */
function typescriptCompiler () {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [ROOT] })
  } catch {
    const error = new Error(`adonis-lite's dependencies are not installed: run npm ci in ${ROOT}`)
    error.code = 'E_NOT_INSTALLED'
    throw error
  }
}

function compile ({ clean }) {
  const tsc = typescriptCompiler()
  if (clean) fs.rmSync(DIST, { recursive: true, force: true })
  fs.rmSync(STAMP, { force: true })
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] })
  } catch {
    const error = new Error('the framework does not compile: see the errors above (npm run build)')
    error.code = 'E_BUILD_FAILED'
    throw error
  }
  copyAssets(SOURCE, DIST)
  if (!clean) removeOrphans(DIST)
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`)
}

/** Every file under framework/ that tsc does not compile (stubs, templates) goes beside the JavaScript. */
function copyAssets (from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) copyAssets(source, target)
    else if (!entry.name.endsWith('.ts')) {
      fs.mkdirSync(to, { recursive: true })
      fs.copyFileSync(source, target)
    }
  }
}

/** After an incremental build: drops what a deleted or moved source file left in dist/. */
function removeOrphans (dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    const relative = path.relative(DIST, file)
    if (entry.name.startsWith('.')) continue
    if (entry.isDirectory()) {
      removeOrphans(file)
      if (fs.readdirSync(file).length === 0) fs.rmdirSync(file)
      continue
    }
    const base = relative.replace(/(\.d\.ts|\.js)$/, '')
    const source = base === relative ? path.join(SOURCE, relative) : path.join(SOURCE, `${base}.ts`)
    if (!fs.existsSync(source)) fs.rmSync(file)
  }
}

/** Runs fn while holding the lock; waits for another build to finish first. */
function withLock (fn) {
  const deadline = Date.now() + STALE_LOCK_MS
  for (;;) {
    try {
      fs.mkdirSync(LOCK)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      const age = Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs
      if (age > STALE_LOCK_MS || Date.now() > deadline) fs.rmSync(LOCK, { recursive: true, force: true })
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200)
    }
  }
  try {
    return fn()
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true })
  }
}

/** Builds dist/ when framework/ changed since the last build; returns whether it built. */
function buildIfStale () {
  if (!isStale()) return false
  return withLock(() => {
    if (!isStale()) return false // another process built it while this one waited
    typescriptCompiler() // says what to install before saying what it does
    process.stderr.write('adonis-lite: framework/ changed since dist/ was built: compiling it (npm run build)\n')
    compile({ clean: false })
    return true
  })
}

function build () {
  withLock(() => compile({ clean: true }))
}

module.exports = { buildIfStale, build, isStale }

if (require.main === module) {
  try {
    if (process.argv.includes('--if-stale')) buildIfStale()
    else build()
  } catch (error) {
    process.stderr.write(`${error.code ? error.message : error.stack}\n`)
    process.exitCode = 1
  }
}
