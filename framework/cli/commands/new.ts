/**
 * `adonis-lite new <dir>`: a working app in a new folder. The app is this repository's own
 * demo app (app/, config/, resources/, start/, public/ and its test), so what a new user
 * starts from is what the framework's tests run, plus a package.json, a tsconfig.json and a
 * .env with a fresh APP_KEY.
 *
 * How the app depends on the framework: an installed adonis-lite writes a version range
 * (^0.1.0), as any published framework's scaffold does. Run from a checkout, whose version is
 * on no registry, it packs the checkout into the app (vendor/adonis-lite-<version>.tgz, a
 * `file:` dependency), so the app installs offline and still works when moved or cloned;
 * --link links the checkout itself instead, for working on the framework.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { E_CLI_USAGE } from '../../errors'
import { newAppKey } from '../app_key'
import type { Command } from '../command'
import { paint, say, warn } from '../output'
import { expectArguments } from './arguments'

/** The framework's package folder: a checkout, or node_modules/adonis-lite. */
export const FRAMEWORK_ROOT = path.resolve(__dirname, '..', '..', '..')

/** Only a checkout has the build script (it is not published). */
const BUILDER = path.join(FRAMEWORK_ROOT, 'scripts', 'build.js')

/** What is copied from the demo app, relative to the framework root. */
const COPIED = ['app', 'config', 'resources', 'start', 'public', 'test/app.test.ts']

/** The app's tools for `serve --dev`, `test`, `build` and type checks: devDependencies, never in a production install. */
const DEV_TOOLS = ['@swc/core', '@swc/jest', '@types/jest', '@types/koa', '@types/node', '@types/nunjucks', 'chokidar', 'jest', 'tsx', 'typescript']

export const newCommand: Command = {
  summary: 'scaffold a new app in a new folder',
  help: `adonis-lite new <dir> [--link]

Creates <dir> with a working app: routes, a controller, views, sessions, a test, and a .env
with a fresh APP_KEY. Refuses to write into a folder that is not empty. Then:

  cd <dir> && npm install && npm run dev

An installed adonis-lite makes the app depend on its version range (^x.y.z). Run from a
checkout of adonis-lite, it packs the checkout into <dir>/vendor/ and depends on that file.

  --link   depend on this adonis-lite folder itself (a file: link) instead: for working on
           the framework, whose changes the app then sees after npm run build there`,
  options: {
    link: { type: 'boolean' },
  },
  async run (positionals, flags) {
    expectArguments('new', positionals, ['dir'])
    const dir = path.resolve(positionals[0]!)
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw E_CLI_USAGE(`${dir} is a file: choose a new folder`)
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      throw E_CLI_USAGE(`${dir} is not empty: choose a new folder, or empty this one`)
    }
    scaffold(dir, { link: Boolean(flags.link) })
    say(`${paint('Created', 'green')} ${dir}\n`)
    if (!path.relative(FRAMEWORK_ROOT, dir).startsWith('..')) {
      warn(`${dir} is inside the adonis-lite checkout ${FRAMEWORK_ROOT}: apps usually live in a folder of their own\n`)
    }
    say('Next steps:')
    say(paint(`  cd ${path.relative(process.cwd(), dir) || '.'}`, 'cyan'))
    say(paint('  npm install', 'cyan'))
    say(`${paint('  npm run dev', 'cyan')}     serves http://127.0.0.1:3333 and restarts on changes`)
    say(`${paint('  npm test', 'cyan')}        runs the app's tests`)
    say(`${paint('  npm run build', 'cyan')}   compiles it to build/; then ${paint('npm start', 'cyan')} serves that with plain Node`)
    say(`\nThen: ${paint('npx adonis-lite --help', 'cyan')} lists the commands (make:controller, route:list, ...).`)
    return 0
  },
}

export function scaffold (dir: string, options: { link?: boolean } = {}): void {
  fs.mkdirSync(dir, { recursive: true })
  for (const entry of COPIED) {
    fs.cpSync(path.join(FRAMEWORK_ROOT, entry), path.join(dir, entry), { recursive: true })
  }
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9-_.]/g, '-').replace(/^[._]+/, '') || 'app'
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(packageJson(name, frameworkDependency(dir, options.link === true)), null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    '.env': `PORT=3333\nHOST=127.0.0.1\nAPP_KEY=${newAppKey()}\nSESSION_DRIVER=cookie\n`,
    '.gitignore': 'node_modules/\nbuild/\n.env\nstorage/*\n!storage/.gitkeep\n',
    'storage/.gitkeep': '',
    'README.md': README(name),
  }
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), content)
  }
}

/**
 * The adonis-lite entry of the app's dependencies: a link to this folder (--link), a tarball
 * of this checkout packed into vendor/, or the range of this installed version.
 */
function frameworkDependency (dir: string, link: boolean): string {
  if (link) return `file:${FRAMEWORK_ROOT}`
  const { version } = frameworkManifest()
  if (!fs.existsSync(BUILDER)) return `^${version}`
  require(BUILDER).buildIfStale()
  const vendor = path.join(dir, 'vendor')
  fs.mkdirSync(vendor, { recursive: true })
  // --ignore-scripts: the build above is current; prepare would compile everything again.
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', vendor], { cwd: FRAMEWORK_ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
  return `file:vendor/adonis-lite-${version}.tgz`
}

interface Manifest {
  version: string
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

function frameworkManifest (): Manifest {
  return JSON.parse(fs.readFileSync(path.join(FRAMEWORK_ROOT, 'package.json'), 'utf8'))
}

/** The ranges the framework itself is developed and tested with (its devDependencies). */
function toolRanges (): Record<string, string> {
  const { devDependencies } = frameworkManifest()
  return Object.fromEntries(DEV_TOOLS.map((name) => [name, devDependencies[name] ?? '*']))
}

function packageJson (name: string, framework: string) {
  return {
    name,
    version: '0.1.0',
    private: true,
    scripts: {
      dev: 'adonis-lite serve --dev',
      build: 'adonis-lite build',
      start: 'node build/server.js',
      test: 'adonis-lite test',
      typecheck: 'tsc --noEmit -p .',
    },
    dependencies: {
      'adonis-lite': framework,
      // The validation guide's `import * as yup from 'yup'`; the framework's range, so npm keeps one copy.
      yup: frameworkManifest().dependencies.yup,
    },
    devDependencies: toolRanges(),
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

An adonis-lite app.

    npm install
    npm run dev      # http://127.0.0.1:3333, restarts when a file changes
    npm test         # the tests in test/
    npm run build    # compiles the app to build/ (JavaScript, views, public files, config)
    npm start        # serves build/ with plain Node: node build/server.js

To deploy, copy build/ to the server and run \`npm ci --omit=dev\` there, then
\`node server.js\` with APP_KEY (and the rest of .env) in the environment or in build/.env.

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
