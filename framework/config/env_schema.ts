/**
 * The optional `env` schema of config/app.ts, checked at boot: which variables the app needs
 * and what each must be, so a typo in .env stops the boot with the variable's name instead of
 * surfacing as a strange failure later.
 *
 *   env: { APP_KEY: 'required|string', PORT: 'number', TRUST_PROXY: 'boolean', REDIS_URL: 'url' }
 */
import { E_INVALID_CONFIG, E_INVALID_ENV, E_MISSING_ENV } from '../errors'
import { isPlainObject } from '../support/object_path'
import { Env, parseEnvValue, type EnvKind } from './env'

const KINDS: Record<EnvKind, string> = { string: 'a string', number: 'a number', boolean: 'true or false', url: 'a URL' }

/** Checks the environment against a schema of 'required|kind' strings; throws a BootError for the first mistake. */
export function checkEnv (schema: unknown): void {
  if (schema === undefined) return
  if (!isPlainObject(schema)) throw E_INVALID_CONFIG('config/app.ts', 'env', "must map variable names to kinds, such as { PORT: 'number' }")
  for (const [name, declaration] of Object.entries(schema)) {
    const { kind, required } = parseDeclaration(name, declaration)
    const value = Env.get(name)
    if (value === undefined) {
      if (required) throw E_MISSING_ENV(name, KINDS[kind])
      continue
    }
    if (parseEnvValue(kind, value) === undefined) throw E_INVALID_ENV(name, value, KINDS[kind])
  }
}

function parseDeclaration (name: string, declaration: unknown): { kind: EnvKind, required: boolean } {
  const parts = typeof declaration === 'string' ? declaration.split('|').map((part) => part.trim()) : []
  const required = parts.includes('required')
  const kinds = parts.filter((part) => part !== 'required')
  const kind = kinds.length === 0 ? 'string' : kinds[0]
  if (parts.length === 0 || kinds.length > 1 || !Object.hasOwn(KINDS, kind!)) {
    throw E_INVALID_CONFIG('config/app.ts', `env.${name}`, `must be one of ${Object.keys(KINDS).join(', ')}, optionally with 'required|' before it (such as 'required|number')`)
  }
  return { kind: kind as EnvKind, required }
}
