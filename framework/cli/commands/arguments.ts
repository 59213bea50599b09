/** Checks shared by the commands: the number of arguments, and being run inside an app. */
import path from 'node:path'
import { E_APP_NOT_FOUND, E_CLI_USAGE } from '../../errors'
import { findModule } from '../../support/module_loader'

/** Fails unless exactly these arguments (by name, for the message) were given. */
export function expectArguments (command: string, positionals: string[], names: string[]): void {
  if (positionals.length === names.length) return
  if (names.length === 0) throw E_CLI_USAGE(`${command} takes no arguments (got '${positionals.join(' ')}')`)
  const usage = `adonis-lite ${command} ${names.map((name) => `<${name}>`).join(' ')}`
  if (positionals.length < names.length) throw E_CLI_USAGE(`${command} needs ${names.map((name) => `<${name}>`).join(' ')}: ${usage}`)
  throw E_CLI_USAGE(`too many arguments for ${command} ('${positionals.slice(names.length).join(' ')}'): ${usage}`)
}

/** Fails unless root holds an app (its start/routes.ts). */
export function requireApp (root: string): void {
  if (!findModule(path.join(root, 'start', 'routes'))) throw E_APP_NOT_FOUND(root)
}
