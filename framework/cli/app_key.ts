/** Fresh app keys, and writing one into an app's .env. */
import crypto from 'node:crypto'
import fs from 'node:fs'

export function newAppKey (): string {
  return crypto.randomBytes(32).toString('base64url')
}

/** Sets APP_KEY in the .env file, replacing the line that has one or appending it; creates the file if needed. */
export function writeAppKey (envFile: string, key: string): void {
  const current = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : ''
  const line = `APP_KEY=${key}`
  const next = /^APP_KEY=.*$/m.test(current)
    ? current.replace(/^APP_KEY=.*$/m, line)
    : `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${line}\n`
  fs.writeFileSync(envFile, next)
}

/** The APP_KEY in a .env file, or null. */
export function readAppKey (envFile: string): string | null {
  if (!fs.existsSync(envFile)) return null
  const match = /^APP_KEY=(.*)$/m.exec(fs.readFileSync(envFile, 'utf8'))
  const value = match?.[1]?.trim().replace(/^(['"])(.*)\1$/, '$2')
  return value || null
}
