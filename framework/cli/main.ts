/**
 * `adonis-lite <command>`: parses the arguments, runs the command, and turns failures into one
 * readable message and a non-zero exit code.
 */
import type { Command } from './command'
import { buildCommand } from './commands/build'
import { keyGenerateCommand } from './commands/key_generate'
import { makeControllerCommand } from './commands/make_controller'
import { makeMiddlewareCommand } from './commands/make_middleware'
import { makeViewCommand } from './commands/make_view'
import { newCommand } from './commands/new'
import { routeListCommand } from './commands/route_list'
import { serveCommand } from './commands/serve'
import { testCommand } from './commands/test'
import { complain, paint, say } from './output'
import { runCommand } from './run_command'

export const COMMANDS: Record<string, Command> = {
  new: newCommand,
  serve: serveCommand,
  test: testCommand,
  build: buildCommand,
  'make:controller': makeControllerCommand,
  'make:middleware': makeMiddlewareCommand,
  'make:view': makeViewCommand,
  'key:generate': keyGenerateCommand,
  'route:list': routeListCommand,
}

export async function main (argv: string[]): Promise<number | undefined> {
  // `adonis-lite route:list | head` closes the pipe early: that is not a failure.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') process.exit(0); else throw error })
  }
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h') {
    printCommands()
    return 0
  }
  if (name === '--version' || name === '-v') {
    say(require('../../package.json').version)
    return 0
  }
  if (name === 'help') return help(rest)
  const command = COMMANDS[name]
  if (!command) {
    complain(`unknown command '${name}'${suggestion(name)}\n`)
    printCommands()
    return 1
  }
  return runCommand(name, command, rest)
}

/** `adonis-lite help [command]`. */
function help (names: string[]): number {
  const [name] = names
  if (name === undefined) {
    printCommands()
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    complain(`unknown command '${name}'${suggestion(name)}\n`)
    printCommands()
    return 1
  }
  say(command.help)
  return 0
}

function printCommands (): void {
  say(`${paint('adonis-lite', 'bold')} <command> [options]\n`)
  say('Commands:')
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  for (const [name, command] of Object.entries(COMMANDS)) say(`  ${paint(name.padEnd(width), 'cyan')}  ${command.summary}`)
  say(`\nRun ${paint('adonis-lite <command> --help', 'cyan')} for a command's options.`)
}

/** ", did you mean 'serve'?" for a near miss. */
function suggestion (name: string): string {
  let best: string | null = null
  let bestDistance = Infinity
  for (const candidate of Object.keys(COMMANDS)) {
    const distance = editDistance(name, candidate)
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance]
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 4)) ? `; did you mean '${best}'?` : ''
}

function editDistance (a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    }
    row = next
  }
  return row[b.length]!
}
