/** What the report says about the run: when, on what machine, with which versions and settings. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Options } from './options'
import type { Meta } from './results'
import { ROOT_DIR } from './stacks'

/** The packages whose versions the report lists. */
const PACKAGES = ['@adonisjs/core', '@adonisjs/session', 'koa', 'koa-router', 'koa-session', 'express', 'express-session', 'session-file-store', 'connect-redis', 'redis', 'connect-flash', 'ioredis', 'nunjucks', 'autocannon']

/** The date, the machine, the versions and the settings of this run. */
export function describeMachine (options: Options): Meta {
  const cpus = os.cpus()
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    versions: packageVersions(),
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    settings: {
      connections: options.connections,
      warmup: options.warmup,
      duration: options.duration,
      rounds: options.rounds,
      nodeFlags: options.nodeFlags,
      stacks: options.stacks.map((stack) => stack.name),
      scenarios: options.kinds,
    },
  }
}

function packageVersions (): Record<string, string> {
  const versions: Record<string, string> = {}
  const own = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8'))
  versions['adonis-lite'] = `${own.version} (${gitCommit()})`
  for (const name of PACKAGES) {
    try {
      versions[name] = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'node_modules', name, 'package.json'), 'utf8')).version
    } catch {
      versions[name] = 'missing'
    }
  }
  return versions
}

/** The commit measured, and whether framework/ had changes not yet committed. */
function gitCommit (): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    return git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--', 'framework') ? ' with uncommitted changes in framework/' : '')
  } catch {
    return 'unknown commit'
  }
}
