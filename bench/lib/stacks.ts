/**
 * The stacks under test: how to start each server, what it stores sessions in, and which
 * peers an adonis-lite figure is compared with.
 */
import path from 'node:path'
import type { Unit } from './scenarios'
import { UNITS } from './scenarios'

export const BENCH_DIR = path.resolve(__dirname, '..')
export const ROOT_DIR = path.resolve(BENCH_DIR, '..')

/** Where sessions live. 'none' stacks keep no session (the raw limit, bare Koa). */
export type Storage = 'cookie' | 'memory' | 'file' | 'redis' | 'none'

export interface Stack {
  name: string
  /** What the reader sees in tables: 'Koa 3 + koa-session (cookie)'. */
  label: string
  family: 'adonis-lite' | 'adonisjs' | 'koa' | 'express' | 'raw'
  storage: Storage
  /** The runs it answers (bare Koa serves the plain page and the cart page only). */
  units: Unit[]
  /** Whether it keeps real sessions (the raw limit answers fixed data). */
  sessions: boolean
  /** The command, relative to the repository, and the environment that picks its store. */
  command: { args: string[], cwd: string, env: Record<string, string> }
}

/** Every peer server loads its TypeScript the way the adonis-lite CLI does: through tsx. */
const TSX = ['--require', require.resolve('tsx/cjs')]

function adonis (storage: 'cookie' | 'file' | 'redis' | 'memory'): Stack {
  return {
    name: `adonis-${storage}`,
    label: `adonis-lite (${storage} driver)`,
    family: 'adonis-lite',
    storage,
    units: UNITS,
    sessions: true,
    // The real CLI, in the app folder, as a user runs it.
    command: {
      args: [path.join(ROOT_DIR, 'bin', 'adonis-lite'), 'serve', '--port', '{port}'],
      cwd: path.join(BENCH_DIR, 'stacks', 'adonis-lite'),
      env: { SESSION_DRIVER: storage },
    },
  }
}

function peer (family: 'koa' | 'express', store: string, storage: Storage, label: string, units: Unit[] = UNITS): Stack {
  return {
    name: `${family}-${store}`,
    label,
    family,
    storage,
    units,
    sessions: storage !== 'none',
    command: { args: [...TSX, path.join(BENCH_DIR, 'stacks', family, 'server.ts')], cwd: ROOT_DIR, env: { STORE: store } },
  }
}

/**
 * AdonisJS 7 (@adonisjs/core 7, @adonisjs/session 8), a plain-JavaScript ES module app booted by
 * its own Ignitor; tsx's ESM loader lets it import the TypeScript helpers the peers share.
 */
function adonisJs (store: 'cookie' | 'file'): Stack {
  return {
    name: `adonisjs-${store}`,
    label: `AdonisJS 7 + @adonisjs/session (${store} store)`,
    family: 'adonisjs',
    storage: store,
    units: UNITS,
    sessions: true,
    command: { args: ['--import', 'tsx', 'server.js'], cwd: path.join(BENCH_DIR, 'stacks', 'adonisjs'), env: { STORE: store } },
  }
}

export const ALL_STACKS: Stack[] = [
  adonis('cookie'),
  adonis('file'),
  adonis('redis'),
  adonis('memory'),
  peer('koa', 'cookie', 'cookie', 'Koa 3 + koa-session (cookie store)'),
  adonisJs('cookie'),
  adonisJs('file'),
  peer('koa', 'redis', 'redis', 'Koa 3 + koa-session (ioredis store)'),
  peer('koa', 'bare', 'none', 'Koa 3 + koa-router, no session', ['S0', 'S1']),
  peer('express', 'memory', 'memory', 'Express 5 + express-session (MemoryStore)'),
  peer('express', 'file', 'file', 'Express 5 + express-session (session-file-store)'),
  peer('express', 'redis', 'redis', 'Express 5 + express-session (connect-redis)'),
  {
    name: 'raw',
    label: 'node:http, precompiled view, no session (the limit)',
    family: 'raw',
    storage: 'none',
    units: UNITS,
    sessions: false,
    command: { args: [...TSX, path.join(BENCH_DIR, 'stacks', 'raw', 'server.ts')], cwd: ROOT_DIR, env: {} },
  },
]

/**
 * The order the stacks run in: each adonis-lite stack beside the peers it is compared with, and
 * bare Koa (which every driver's S0 and the cookie driver's S1 are held to) amid them. A stack
 * not listed runs last.
 */
const RUN_ORDER = ['koa-cookie', 'adonisjs-cookie', 'adonis-cookie', 'koa-bare', 'adonis-redis', 'koa-redis', 'express-redis',
  'adonis-file', 'adonisjs-file', 'express-file', 'adonis-memory', 'express-memory', 'raw']

export function inRunOrder (stacks: Stack[]): Stack[] {
  const rank = (stack: Stack) => {
    const index = RUN_ORDER.indexOf(stack.name)
    return index < 0 ? RUN_ORDER.length : index
  }
  return [...stacks].sort((a, b) => rank(a) - rank(b))
}

/** What `npm run bench` runs without BENCH_STACKS (adonis-memory only on request: the memory driver is for tests). */
export const DEFAULT_STACKS = ALL_STACKS.filter((stack) => stack.name !== 'adonis-memory').map((stack) => stack.name)

export function isAdonis (stack: Stack): boolean {
  return stack.family === 'adonis-lite'
}

/** The peers an adonis-lite stack is measured against: the same kind of storage. */
export function peersOf (stack: Stack, stacks: Stack[]): Stack[] {
  return stacks.filter((other) => !isAdonis(other) && other.storage === stack.storage && other.storage !== 'none')
}
