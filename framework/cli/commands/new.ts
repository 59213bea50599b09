/**
 * `adonis-lite new <dir>`: a working app in a new folder. The app is this repository's own
 * demo app (app/, config/, resources/, start/, public/ and its test), so what a new user
 * starts from is what the framework's tests run, plus a package.json that depends on this
 * framework, a tsconfig.json and a .env with a fresh APP_KEY.
 */
import fs from 'node:fs'
import path from 'node:path'
import { E_CLI_USAGE } from '../../errors'
import { newAppKey } from '../app_key'
import type { Command } from '../command'
import { paint, say, warn } from '../output'
import { expectArguments } from './arguments'

/** The framework checkout this CLI belongs to. */
export const FRAMEWORK_ROOT = path.resolve(__dirname, '..', '..', '..')

/** What is copied from the demo app, relative to the framework root. */
const COPIED = ['app', 'config', 'resources', 'start', 'public', 'test/app.test.ts']

export const newCommand: Command = {
  summary: 'scaffold a new app in a new folder',
  help: `adonis-lite new <dir>

Creates <dir> with a working app: routes, a controller, views, sessions, a test, and a .env
with a fresh APP_KEY. Refuses to write into a folder that is not empty. Then:

  cd <dir> && npm install && npm run dev`,
  options: {},
  async run (positionals) {
    expectArguments('new', positionals, ['dir'])
    const dir = path.resolve(positionals[0]!)
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw E_CLI_USAGE(`${dir} is a file: choose a new folder`)
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      throw E_CLI_USAGE(`${dir} is not empty: choose a new folder, or empty this one`)
    }
    scaffold(dir)
    say(`${paint('Created', 'green')} ${dir}\n`)
    if (!path.relative(FRAMEWORK_ROOT, dir).startsWith('..')) {
      warn(`${dir} is inside the adonis-lite checkout ${FRAMEWORK_ROOT}: apps usually live in a folder of their own\n`)
    }
    say('Next steps:')
    say(paint(`  cd ${path.relative(process.cwd(), dir) || '.'}`, 'cyan'))
    say(paint('  npm install', 'cyan'))
    say(`${paint('  npm run dev', 'cyan')}     serves http://127.0.0.1:3333 and restarts on changes`)
    say(`${paint('  npm test', 'cyan')}        runs the app's tests`)
    say(`\nThen: ${paint('npx adonis-lite --help', 'cyan')} lists the commands (make:controller, route:list, ...).`)
    return 0
  },
}

export function scaffold (dir: string): void {
  fs.mkdirSync(dir, { recursive: true })
  for (const entry of COPIED) {
    fs.cpSync(path.join(FRAMEWORK_ROOT, entry), path.join(dir, entry), { recursive: true })
  }
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9-_.]/g, '-').replace(/^[._]+/, '') || 'app'
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(packageJson(name), null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    '.env': `PORT=3333\nHOST=127.0.0.1\nAPP_KEY=${newAppKey()}\nSESSION_DRIVER=cookie\n`,
    '.gitignore': 'node_modules/\n.env\nstorage/*\n!storage/.gitkeep\n',
    'storage/.gitkeep': '',
    'README.md': README(name),
  }
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), content)
  }
}

function packageJson (name: string) {
  return {
    name,
    version: '0.1.0',
    private: true,
    scripts: {
      dev: 'adonis-lite serve --dev',
      start: 'adonis-lite serve',
      test: 'adonis-lite test',
      typecheck: 'tsc --noEmit -p .',
    },
    dependencies: {
      'adonis-lite': `file:${FRAMEWORK_ROOT}`,
    },
    // The dev server checks types with the app's TypeScript; tests get Jest's types.
    devDependencies: {
      '@types/jest': '^30.0.0',
      '@types/node': '^20.0.0',
      typescript: '~5.9',
    },
  }
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'node16',
    moduleResolution: 'node16',
    strict: true,
    // Controllers in the AdonisJs style, `* signup (request, response)`, need no annotations.
    noImplicitAny: false,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'jest'],
  },
  include: ['app', 'config', 'start', 'test'],
}

const README = (name: string) => `# ${name}

An [adonis-lite](${FRAMEWORK_ROOT}) app.

    npm install
    npm run dev      # http://127.0.0.1:3333, restarts when a file changes
    npm test         # the tests in test/

Commands (\`npx adonis-lite --help\` lists them all):

    npx adonis-lite make:controller Post --resource
    npx adonis-lite make:middleware Admin
    npx adonis-lite make:view posts.index
    npx adonis-lite route:list
    npx adonis-lite key:generate

- \`start/routes.ts\`: routes
- \`app/Http/Controllers\`: controllers ('UserController.show' is UserController.ts, method show)
- \`app/Http/kernel.ts\`: middleware
- \`config/\`: settings (\`config/session.js\` for sessions)
- \`resources/views\`: Nunjucks views
- \`public/\`: static files
`
