/** `adonis-lite make:view name`: resources/views/name.njk ('auth.login' -> auth/login.njk). */
import fs from 'node:fs'
import path from 'node:path'
import type { Command } from '../command'
import { nameSegments, renderStub, writeNewFile } from '../make'
import { paint, say } from '../output'
import { expectArguments, requireApp } from './arguments'

export const makeViewCommand: Command = {
  summary: 'write a view into resources/views',
  help: `adonis-lite make:view <name>

Writes resources/views/<name>.njk, a Nunjucks view that extends layout.njk when the app has
one. Dots (or slashes) make folders, as in response.sendView(): 'make:view auth.login'
writes resources/views/auth/login.njk. An existing file is never overwritten.`,
  options: {},
  async run (positionals) {
    expectArguments('make:view', positionals, ['name'])
    const root = process.cwd()
    requireApp(root)
    const given = positionals[0]!
    const segments = nameSegments(given.replace(/\.njk$/, '').replaceAll('.', '/'), 'view', 'welcome or auth.login', given)
    const views = path.join(root, 'resources', 'views')
    const stub = fs.existsSync(path.join(views, 'layout.njk')) ? 'view.stub' : 'view.plain.stub'
    const title = segments.at(-1)!.replace(/[-_]+/g, ' ').replace(/^./, (letter) => letter.toUpperCase())
    const file = writeNewFile(root, `resources/views/${segments.join('/')}.njk`, renderStub(stub, { TITLE: title }))
    say(`${paint('Created', 'green')} ${file}`)
    say(`Render it from a handler: ${paint(`yield response.sendView('${segments.join('.')}')`, 'cyan')}`)
    return 0
  },
}
