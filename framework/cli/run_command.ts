/**
 * Runs one command: parses its flags, shows its help, prepares an app it loads, and turns a
 * failure into one readable message and exit code 1. main.ts finds the command by name;
 * a build's server.js runs `serve` through here without loading the other commands.
 */
import { parseArgs } from 'node:util'
import type { Command } from './command'
import { complain, say } from './output'
import { loadTypeScriptOf, missingPackageError, requireFrameworkInstalled } from './tools'

export async function runCommand (name: string, command: Command, args: string[]): Promise<number | undefined> {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
  } catch (error) {
    complain(`${name}: ${argumentProblem(error as Error & { code?: string })}\n`)
    say(command.help)
    return 1
  }
  if (parsed.values.help) {
    say(command.help)
    return 0
  }
  try {
    if (command.loadsApp) {
      requireFrameworkInstalled(process.cwd())
      loadTypeScriptOf(process.cwd())
    }
    return await command.run(parsed.positionals, parsed.values as Record<string, string | boolean | undefined>)
  } catch (error) {
    const { formatError } = require('./error_format') as typeof import('./error_format')
    complain(formatError(missingPackageError(error, process.cwd()) ?? error, process.cwd()))
    return 1
  }
}

/** parseArgs' messages are written for programmers; these say what to type instead. */
function argumentProblem (error: Error & { code?: string }): string {
  const option = /'(?:-\w, )?(-{1,2}[\w-]+)/.exec(error.message)?.[1]
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(error.message) ? `${option} needs a value` : `${option} takes no value`
  }
  return error.message
}
