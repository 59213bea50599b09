/**
 * The framework as a package: what `npm pack` ships, how a scaffolded app depends on the
 * framework (a tarball of a checkout, a link, or a version range), and the one-line errors of
 * a setup with something missing. The full install, build and serve run in new_app.test.ts.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { cli, FRAMEWORK_ROOT, removeDir, run, tempDir } from './cli_helpers'

const VERSION = JSON.parse(fs.readFileSync(path.join(FRAMEWORK_ROOT, 'package.json'), 'utf8')).version as string
const TOOLS = ['tsx', 'jest', '@swc/core', '@swc/jest', 'typescript', 'chokidar']

const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))

/** One line on stderr, exit code 1, no stack trace. */
function expectOneLineError (result: { code: number | null, stderr: string }, text: string): void {
  expect(result.code).toBe(1)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toContain(text)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

describe('CLI | packaging', () => {
  let parent: string
  /** The published package, unpacked from the tarball a scaffolded app vendors (no node_modules). */
  let unpacked: string

  beforeAll(async () => {
    parent = tempDir()
    const made = await cli(['new', 'packed'], parent, undefined, 60_000)
    if (made.code !== 0) throw new Error(made.stderr)
    execFileSync('tar', ['-xzf', path.join(parent, 'packed', 'vendor', `adonis-lite-${VERSION}.tgz`), '-C', parent])
    unpacked = path.join(parent, 'package')
  })
  afterAll(() => removeDir(parent))

  it('makes an app from a checkout depend on a tarball of it inside the app, with the dev tools as devDependencies', () => {
    const pkg = manifest(path.join(parent, 'packed'))
    expect(pkg.dependencies['adonis-lite']).toBe(`file:vendor/adonis-lite-${VERSION}.tgz`)
    expect(pkg.dependencies.yup).toBe(manifest(FRAMEWORK_ROOT).dependencies.yup)
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['adonis-lite', 'yup'])
    for (const tool of TOOLS) expect(pkg.devDependencies[tool]).toBe(manifest(FRAMEWORK_ROOT).devDependencies[tool])
    expect(fs.readFileSync(path.join(parent, 'packed', '.gitignore'), 'utf8')).not.toMatch(/vendor/)
  })

  it('links the checkout itself with --link', async () => {
    expect((await cli(['new', 'linked', '--link'], parent)).code).toBe(0)
    expect(manifest(path.join(parent, 'linked')).dependencies['adonis-lite']).toBe(`file:${FRAMEWORK_ROOT}`)
  })

  it('ships compiled JavaScript, types, the CLI, the scaffold and the docs, and no tests, benchmarks or sources', () => {
    const files = execFileSync('tar', ['-tzf', path.join(parent, 'packed', 'vendor', `adonis-lite-${VERSION}.tgz`)], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map((file) => file.replace(/^package\//, ''))
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/testing/index.js', 'dist/cli/main.js', 'dist/cli/stubs/controller.stub',
      'bin/adonis-lite', 'jest-preset.js', 'jest-environment.js', 'docs/cli.md', 'start/routes.ts', 'resources/views/welcome.njk', 'test/app.test.ts']) {
      expect(files).toContain(file)
    }
    const unexpected = files.filter((file) => /^(framework|bench|scripts|\.ci)\//.test(file) || (file.startsWith('test/') && file !== 'test/app.test.ts') ||
      /\.tsbuildinfo$|^dist\/\./.test(file))
    expect(unexpected).toEqual([])
    const pkg = manifest(unpacked)
    expect(pkg.main).toBe('dist/index.js')
    for (const tool of TOOLS) expect(pkg.dependencies[tool]).toBeUndefined()
    expect(pkg.dependencies['koa-static']).toBeUndefined()
  })

  it('makes an app from an installed copy depend on its version range', async () => {
    const result = await run(process.execPath, [path.join(unpacked, 'bin', 'adonis-lite'), 'new', 'ranged'], { cwd: parent })
    expect(result.code).toBe(0)
    expect(manifest(path.join(parent, 'ranged')).dependencies['adonis-lite']).toBe(`^${VERSION}`)
    expect(fs.existsSync(path.join(parent, 'ranged', 'vendor'))).toBe(false)
  })

  it('says in one line which tool to install when an app lacks tsx, jest or typescript', async () => {
    const root = path.join(parent, 'ranged')
    fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true })
    fs.symlinkSync(unpacked, path.join(root, 'node_modules', 'adonis-lite'), 'dir')
    const bin = path.join(root, 'node_modules', 'adonis-lite', 'bin', 'adonis-lite')
    const cases: Array<[string, string]> = [
      ['route:list', 'tsx is not installed, and running an app from its TypeScript sources'],
      ['test', 'jest is not installed, and adonis-lite test needs it: run npm install --save-dev jest'],
      ['build', 'typescript is not installed, and adonis-lite build needs it: run npm install --save-dev typescript'],
    ]
    for (const [command, message] of cases) {
      expectOneLineError(await run(process.execPath, [bin, command], { cwd: root }), message)
    }
  })

  it('says in one line to run npm install in an app whose framework is not installed', async () => {
    const root = path.join(parent, 'packed')
    expectOneLineError(await cli(['route:list'], root), `Cannot find the package 'adonis-lite': run npm install in ${root}`)
  })

  it('says in one line to run npm ci in a checkout whose dependencies are not installed', async () => {
    const checkout = path.join(parent, 'checkout')
    for (const entry of ['bin', 'scripts', 'framework', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
      fs.cpSync(path.join(FRAMEWORK_ROOT, entry), path.join(checkout, entry), { recursive: true })
    }
    const result = await run(process.execPath, [path.join(checkout, 'bin', 'adonis-lite'), 'new', 'app'], { cwd: parent })
    expectOneLineError(result, `adonis-lite's dependencies are not installed: run npm ci in ${checkout}`)
  })
})
