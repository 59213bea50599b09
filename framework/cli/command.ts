/** The shape of a CLI command: its flags (for node:util parseArgs), help text and what it runs. */
import type { ParseArgsConfig } from 'node:util'

export interface Command {
  /** One line for the command list. */
  summary: string
  /** The usage line and longer help shown by `adonis-lite <command> --help`. */
  help: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Whether it loads the app's files in this process (then their TypeScript is made loadable first). */
  loadsApp?: boolean
  /** Resolves with the exit code, or undefined to leave it to what the command started (a server, Jest). */
  run (positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number | undefined>
}
