/** `adonis-lite make:middleware Name`: app/Http/Middleware/Name.ts from a stub, and the kernel line to add. */
import type { Command } from '../command'
import { nameSegments, pascalCase, renderStub, writeNewFile } from '../make'
import { paint, say } from '../output'
import { expectArguments, requireApp } from './arguments'

export const makeMiddlewareCommand: Command = {
  summary: 'write a middleware into app/Http/Middleware',
  help: `adonis-lite make:middleware <Name>

Writes app/Http/Middleware/<Name>.ts, a class whose handle(request, response, next) runs
around the route's handler, and prints the line to add to app/Http/kernel.ts. Folders are
allowed ('make:middleware Admin/Only'). An existing file is never overwritten.`,
  options: {},
  async run (positionals) {
    expectArguments('make:middleware', positionals, ['Name'])
    const root = process.cwd()
    requireApp(root)
    const segments = nameSegments(positionals[0]!.replace(/\.ts$/, ''), 'middleware', 'Auth or Admin/Only')
    const className = pascalCase(segments.pop()!)
    const name = [...segments, className].join('/')
    const file = writeNewFile(root, `app/Http/Middleware/${name}.ts`, renderStub('middleware.stub', { CLASS: className }))
    const alias = className[0]!.toLowerCase() + className.slice(1)
    say(`${paint('Created', 'green')} ${file}`)
    say('Register it in app/Http/kernel.ts, as named middleware for the routes that ask for it:')
    say(paint(`  export const namedMiddleware = { ..., ${alias}: 'App/Http/Middleware/${name}' }`, 'cyan'))
    say(`  and use it on a route: ${paint(`.middleware(['${alias}'])`, 'cyan')}`)
    say(`or add ${paint(`'App/Http/Middleware/${name}'`, 'cyan')} to globalMiddleware to run it on every request.`)
    return 0
  },
}
