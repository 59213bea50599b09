/** `adonis-lite key:generate`: a new APP_KEY in .env. */
import path from 'node:path'
import { newAppKey, readAppKey, writeAppKey } from '../app_key'
import type { Command } from '../command'
import { paint, say } from '../output'
import { expectArguments } from './arguments'

export const keyGenerateCommand: Command = {
  summary: 'write a new APP_KEY into .env',
  help: `adonis-lite key:generate [--show] [--if-missing]

Writes a new random APP_KEY into .env in the current folder (creating the file if needed).
Sessions and cookies signed with the old key stop being valid: list the old key in
APP_KEY_PREVIOUS to keep them for a while.

  --show         print a key without writing it
  --if-missing   do nothing when .env (or the environment) already has an APP_KEY`,
  options: {
    show: { type: 'boolean' },
    'if-missing': { type: 'boolean' },
  },
  async run (positionals, flags) {
    expectArguments('key:generate', positionals, [])
    const key = newAppKey()
    if (flags.show) {
      say(key)
      return 0
    }
    const envFile = path.join(process.cwd(), '.env')
    if (flags['if-missing'] && (process.env.APP_KEY || readAppKey(envFile))) return 0
    writeAppKey(envFile, key)
    say(`${paint('APP_KEY', 'green')} written to ${envFile}`)
    return 0
  },
}
