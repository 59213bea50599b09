/** `adonis-lite route:list`: the app's routes as a table (or JSON), in matching order. */
import { newAppKey } from '../app_key'
import type { Command } from '../command'
import { paint, say } from '../output'
import { table } from '../table'
import { expectArguments, requireApp } from './arguments'

export const routeListCommand: Command = {
  summary: 'print the routes: verbs, URL, name, handler, middleware',
  help: `adonis-lite route:list [--json]

Boots the app in the current folder (without listening) and prints its routes in the
order they are matched: verbs, URL pattern, name, handler and the route's own middleware.
GET routes answer HEAD too, shown as GET|HEAD; a route with a domain shows it before its
path. The global middleware, which run on every request, are listed below the table.

  --json   print the routes as JSON instead`,
  loadsApp: true,
  options: {
    json: { type: 'boolean' },
  },
  async run (positionals, flags) {
    expectArguments('route:list', positionals, [])
    const root = process.cwd()
    requireApp(root)
    // Listing routes needs no secrets and no session store: a missing APP_KEY is no reason to fail.
    const { loadEnvFile } = require('../../config/env') as typeof import('../../config/env')
    const { boot } = require('../../ignitor') as typeof import('../../ignitor')
    loadEnvFile(root)
    process.env.APP_KEY ||= newAppKey()
    const app = boot({ root, config: { session: { driver: 'memory' } } })
    const routes = app.router.list().map((route) => ({
      methods: route.methods.includes('GET') ? [...route.methods, 'HEAD'] : [...route.methods],
      url: shownUrl(route),
      name: route.name,
      handler: route.handler,
      middleware: route.middleware,
    }))
    const globals = app.kernel.global.map((entry) => entry.name)
    await app.close()

    if (flags.json) {
      say(JSON.stringify({ routes, globalMiddleware: globals }, null, 2))
      return 0
    }
    if (routes.length === 0) {
      say('No routes: define them in start/routes.ts')
      return 0
    }
    const columns = [
      { title: 'Method', colour: 'yellow' as const },
      { title: 'URL', colour: 'cyan' as const },
      { title: 'Name' },
      { title: 'Handler' },
      { title: 'Middleware', colour: 'dim' as const },
    ]
    const rows = routes.map((route) => [
      route.methods.join('|'), route.url, route.name ?? '', route.handler, route.middleware.join(', '),
    ])
    for (const line of table(columns, rows)) say(line)
    say(`\n${paint('Global middleware', 'bold')} (every request, in this order): ${globals.length ? globals.join(', ') : 'none'}`)
    return 0
  },
}

/** The pattern, after its domain ('blog.example.com/posts/:id') and with its formats ('/users{.json|.html}'). */
function shownUrl (route: { pattern: string, domain?: string | null, formats?: { list: string[], strict: boolean } | null }): string {
  const formats = route.formats == null ? '' : `{.${route.formats.list.join('|.')}}${route.formats.strict ? '' : '?'}`
  return `${route.domain ?? ''}${route.pattern}${formats}`
}
