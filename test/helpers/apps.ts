/** Fixture apps for tests: the ones under test/fixtures, and throwaway ones written to a temp folder. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient } from 'adonis-lite/testing'

export const FIXTURES = path.join(__dirname, '..', 'fixtures')

export function fixture (name: string): string {
  return path.join(FIXTURES, name)
}

/** A minimal valid app: routes, kernel and config; `files` adds or replaces files. */
export function tempApp (files: Record<string, string> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-test-'))
  const all: Record<string, string> = {
    'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.get('/', (request, response) => { response.send('ok') })\n",
    'config/app.ts': "import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY') }\n",
    ...files,
  }
  for (const [file, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    fs.writeFileSync(path.join(root, file), content)
  }
  return root
}

export function removeApp (root: string): void {
  fs.rmSync(root, { recursive: true, force: true })
}

/** The error a throwaway app with these files stops its boot with (the test fails if it boots). */
export async function bootError (files: Record<string, string>, env: Record<string, string | undefined> = {}): Promise<{ code: string, message: string }> {
  const root = tempApp(files)
  try {
    const client = await testClient(root, { env })
    await client.close()
  } catch (error) {
    return error as { code: string, message: string }
  } finally {
    removeApp(root)
  }
  throw new Error('the app booted')
}

/** An APP_KEY for tests. */
export const TEST_KEY = 'test-key-0123456789-abcdefghijklmnopqrstuvwxyz'
