/**
 * What a change in an app's folder means to `serve --dev`: files the app loads restart it,
 * views are re-read, and what editors and tools write beside them while saving does nothing.
 */
import path from 'node:path'
import { changeKind, isIgnored } from '../../framework/cli/dev/watched_files'

const at = (...parts: string[]) => parts.join(path.sep)

describe('CLI | serve --dev | what a change means', () => {
  it.each([
    at('start', 'routes.ts'), at('app', 'Http', 'Controllers', 'UserController.ts'), at('config', 'session.js'),
    at('config', 'app.cjs'), at('app', 'data.json'), '.env',
  ])('restarts the app for %s', (file) => {
    expect(changeKind(file)).toBe('restart')
  })

  it.each([at('resources', 'views', 'welcome.njk'), at('resources', 'views', 'auth', 'login.njk')])('re-reads the view %s without a restart', (file) => {
    expect(changeKind(file)).toBe('view')
  })

  it.each([
    [at('start', 'sedAbC123'), "sed -i's temp file"],
    [at('start', '4913'), "vim's write test"],
    [at('start', '.routes.ts.swp'), "vim's swap file"],
    [at('start', 'routes.ts~'), 'a backup'],
    [at('start', '.#routes.ts'), "emacs's lock"],
    [at('start', '#routes.ts#'), "emacs's autosave"],
    [at('start', 'routes.ts___jb_tmp___'), "JetBrains' temp file"],
    [at('app', 'types.d.ts'), 'a declaration file'],
    [at('start', 'notes.md'), 'a file the app does not load'],
  ])('does nothing for %s (%s)', (file) => {
    expect(changeKind(file)).toBeNull()
  })

  it('does not watch dotfiles (but .env) or node_modules at all', () => {
    expect(isIgnored(at('/app', 'start', '.routes.ts.swp'))).toBe(true)
    expect(isIgnored(at('/app', 'app', 'node_modules', 'x', 'index.js'))).toBe(true)
    expect(isIgnored(at('/app', '.env'))).toBe(false)
    expect(isIgnored(at('/app', 'start', 'routes.ts'))).toBe(false)
  })
})
