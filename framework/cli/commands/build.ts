/** `adonis-lite build`: the app compiled to plain JavaScript, ready for `npm start` or a deploy. */
import path from 'node:path'
import { E_CLI_USAGE } from '../../errors'
import type { Command } from '../command'
import { paint, say } from '../output'
import { resolveTool } from '../tools'
import { expectArguments, requireApp } from './arguments'

/** Folders of the app a build must never replace. */
const PROTECTED = ['app', 'config', 'start', 'resources', 'public', 'test', 'node_modules', 'storage', 'vendor']

export const buildCommand: Command = {
  summary: 'compile the app to JavaScript in build/, for npm start and deploys',
  help: `adonis-lite build [--out <dir>]

Compiles the app in the current folder to plain JavaScript in build/ (or <dir>), emptied
first: the TypeScript of app/, config/ and start/ with the app's own TypeScript (a type
error stops the build), their other files, resources/ and public/, package.json (whose
start script is node server.js), package-lock.json and the framework's tarball in vendor/.

  npm start                   serves it: node build/server.js, plain Node, no TypeScript
  node build/server.js --workers 4

To deploy, copy build/ to the server and run there: npm ci --omit=dev, then node server.js,
with APP_KEY (and the rest of .env) in the environment or in a .env file beside server.js.

  --out <dir>   write the build there instead of build/`,
  options: {
    out: { type: 'string' },
  },
  async run (positionals, flags) {
    expectArguments('build', positionals, [])
    const root = process.cwd()
    requireApp(root)
    const outDir = path.resolve(root, String(flags.out ?? 'build'))
    const relative = path.relative(root, outDir)
    const inside = relative.split(path.sep)[0]!
    if (relative === '' || !path.relative(outDir, root).startsWith('..') || PROTECTED.includes(inside)) {
      throw E_CLI_USAGE(`--out ${flags.out} would overwrite the app's own files: choose a new folder such as build`)
    }
    const typescript = resolveTool('typescript', root)
    const { buildApp } = require('../app_build') as typeof import('../app_build')
    const started = performance.now()
    const { compiled, copied } = buildApp(root, outDir, typescript)
    const shown = relative.startsWith('..') ? outDir : relative
    say(`${paint('Built', 'green')} ${shown}/ in ${Math.round(performance.now() - started)} ms: ${compiled} TypeScript files compiled, ${copied} files copied`)
    say(`Serve it with ${paint('npm start', 'cyan')} (node ${shown}/server.js)`)
    return 0
  },
}
