/**
 * `adonis-lite <command>`: parses the arguments, runs the command, and turns failures into one
 * readable message and a non-zero exit code.
 */
import { parseArgs } from 'node:util'
import { AdonisLiteError } from '../errors'
import type { Command } from './command'
import { keyGenerateCommand } from './commands/key_generate'
import { newCommand } from './commands/new'
import { serveCommand } from './commands/serve'
import { testCommand } from './commands/test'
import { complain, paint, say } from './output'

export const COMMANDS: Record<string, Command> = {
  new: newCommand,
  serve: serveCommand,
  test: testCommand,
  'key:generate': keyGenerateCommand,
}

export async function main (argv: string[]): Promise<number | undefined> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    printCommands()
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    complain(`unknown command '${name}'`)
    printCommands()
    return 1
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
  } catch (error) {
    complain(`${(error as Error).message}\n`)
    say(command.help)
    return 1
  }
  if (parsed.values.help) {
    say(command.help)
    return 0
  }
  try {
    return await command.run(parsed.positionals, parsed.values as Record<string, string | boolean | undefined>)
  } catch (error) {
    complain(error instanceof AdonisLiteError ? error.message : ((error as Error)?.stack ?? String(error)))
    return 1
  }
}

function printCommands (): void {
  say(`${paint('adonis-lite', 'bold')} <command> [options]\n`)
  say('Commands:')
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  for (const [name, command] of Object.entries(COMMANDS)) say(`  ${paint(name.padEnd(width), 'cyan')}  ${command.summary}`)
  say(`\nRun ${paint('adonis-lite <command> --help', 'cyan')} for a command's options.`)
}
