/** `adonis-lite make:controller Name [--resource]`: app/Http/Controllers/NameController.ts from a stub. */
import type { Command } from '../command'
import { nameSegments, pascalCase, renderStub, writeNewFile } from '../make'
import { paint, say } from '../output'
import { expectArguments, requireApp } from './arguments'

export const makeControllerCommand: Command = {
  summary: 'write a controller into app/Http/Controllers',
  help: `adonis-lite make:controller <Name> [--resource]

Writes app/Http/Controllers/<Name>Controller.ts: 'make:controller User' and
'make:controller UserController' both write UserController.ts, which routes name as
'UserController.index'. Folders are allowed: 'make:controller Admin/Dashboard' writes
app/Http/Controllers/Admin/DashboardController.ts ('Admin/DashboardController.index').
An existing file is never overwritten.

  --resource   the seven methods of Route.resource(): index, create, store, show, edit,
               update, destroy`,
  options: {
    resource: { type: 'boolean', short: 'r' },
  },
  async run (positionals, flags) {
    expectArguments('make:controller', positionals, ['Name'])
    const root = process.cwd()
    requireApp(root)
    const segments = nameSegments(positionals[0]!.replace(/\.ts$/, ''), 'controller', 'User or Admin/Dashboard')
    const base = pascalCase(segments.pop()!).replace(/Controller$/, '')
    const className = `${base || 'App'}Controller`
    const handler = [...segments, className].join('/')
    const resource = plural(base.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase())
    const file = writeNewFile(root, `app/Http/Controllers/${handler}.ts`, renderStub(
      flags.resource ? 'controller.resource.stub' : 'controller.stub',
      { CLASS: className, HANDLER: handler, RESOURCE: resource }
    ))
    say(`${paint('Created', 'green')} ${file}`)
    say(flags.resource
      ? `Route it in start/routes.ts: ${paint(`Route.resource('${resource}', '${handler}')`, 'cyan')}`
      : `Route to it in start/routes.ts: ${paint(`Route.get('/${[...segments.map((segment) => segment.toLowerCase()), resource].join('/')}', '${handler}.index')`, 'cyan')}`)
    return 0
  },
}

/** 'post' -> 'posts', 'category' -> 'categories': good enough for a suggested URL. */
function plural (word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`
  return `${word}s`
}
