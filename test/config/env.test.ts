/**
 * Environment variables are checked where they are read: a malformed number, boolean or URL
 * stops the boot naming the variable, never quietly becoming the default; and config/app.ts may
 * declare what the app needs in an env schema, checked at boot.
 */
import { boot, BootError, Env } from 'adonis-lite'
import { removeApp, tempApp, TEST_KEY } from '../helpers/apps'

/** Runs fn with these variables set, restoring the environment afterwards. */
function withEnv<T> (vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = { ...process.env }
  Object.assign(process.env, vars)
  for (const [key, value] of Object.entries(vars)) if (value === undefined) delete process.env[key]
  try {
    return fn()
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
}

function bootError (config: string, vars: Record<string, string | undefined>): BootError {
  const root = tempApp({ 'config/app.ts': config })
  try {
    withEnv({ APP_KEY: TEST_KEY, ...vars }, () => boot({ root }))
  } catch (error) {
    return error as BootError
  } finally {
    removeApp(root)
  }
  throw new Error('the app booted')
}

describe('Config | Env', () => {
  it('reads numbers, booleans and URLs, and gives the default for unset or empty variables', () => {
    withEnv({ A_NUMBER: ' 42 ', A_FLAG: 'off', A_URL: 'redis://127.0.0.1:6379/0', EMPTY: '' }, () => {
      expect(Env.number('A_NUMBER', 1)).toBe(42)
      expect(Env.boolean('A_FLAG', true)).toBe(false)
      expect(Env.url('A_URL')).toBe('redis://127.0.0.1:6379/0')
      expect(Env.number('EMPTY', 7)).toBe(7)
      expect(Env.boolean('UNSET_FLAG', true)).toBe(true)
      expect(Env.url('UNSET_URL', 'https://example.com')).toBe('https://example.com')
    })
  })

  it.each([
    ['number', 'PORT', 'abc', "Env.number('PORT', 3333)", 'is "abc", which is not a number'],
    ['number', 'PORT', '33 33', "Env.number('PORT', 3333)", 'is "33 33", which is not a number'],
    ['boolean', 'TRUST_PROXY', 'sure', "Env.boolean('TRUST_PROXY', false)", 'is "sure", which is not true or false'],
    ['URL', 'REDIS_URL', 'localhost:6379', "Env.url('REDIS_URL')", 'is "localhost:6379", which is not a URL'],
  ])('stops the boot for a malformed %s, naming the variable', (_kind, name, value, read, message) => {
    const error = bootError(`import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY'), x: ${read} }\n`, { [name]: value })
    expect(error.code).toBe('E_INVALID_ENV')
    expect(error.message).toContain(`Environment variable ${name} ${message}`)
    expect(error.message).toContain('fix it in .env or in the environment')
  })

  it('never prints the value of a variable that may be a secret', () => {
    const error = bootError("import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY'), x: Env.number('API_TOKEN', 1) }\n", { API_TOKEN: 'hunter2' })
    expect(error.message).toContain('Environment variable API_TOKEN is set, which is not a number')
    expect(error.message).not.toContain('hunter2')
  })
})

describe('Config | env schema of config/app.ts', () => {
  const config = (schema: string) => `import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY'), env: ${schema} }\n`

  it('boots when every variable is what the schema says', () => {
    const root = tempApp({ 'config/app.ts': config("{ APP_KEY: 'required', PORT: 'number', DEBUG: 'boolean', REDIS_URL: 'url', NAME: 'string' }") })
    try {
      expect(() => withEnv({ APP_KEY: TEST_KEY, PORT: '8080', DEBUG: 'yes', REDIS_URL: 'rediss://cache:6380', NAME: undefined }, () => boot({ root }))).not.toThrow()
    } finally {
      removeApp(root)
    }
  })

  it('stops the boot for a required variable that is missing, naming it', () => {
    const error = bootError(config("{ DATABASE_URL: 'required|url' }"), { DATABASE_URL: undefined })
    expect(error.code).toBe('E_MISSING_ENV')
    expect(error.message).toContain('Environment variable DATABASE_URL is not set, and config/app.ts (env) requires it (a URL)')
  })

  it('stops the boot for a variable of the wrong kind, naming it', () => {
    const error = bootError(config("{ WORKERS: 'number' }"), { WORKERS: 'many' })
    expect(error.code).toBe('E_INVALID_ENV')
    expect(error.message).toContain('Environment variable WORKERS is "many", which is not a number')
  })

  it('names a schema entry it cannot read', () => {
    const error = bootError(config("{ PORT: 'integer' }"), {})
    expect(error.code).toBe('E_INVALID_CONFIG')
    expect(error.message).toContain('config/app.ts: env.PORT must be one of string, number, boolean, url')
  })
})
