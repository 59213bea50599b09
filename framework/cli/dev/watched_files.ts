/**
 * What `serve --dev` watches and what a change to it means. Only files the app loads restart
 * it: modules and JSON under app/, config/ and start/, and .env. Editors and tools write other
 * files beside them while saving (sed's sedXXXXXX, vim's .swp and 4913, emacs's .#name and
 * #name#, backups ending in ~), and those restart nothing. Views under resources/ are re-read
 * on every render in development, so they need no restart either.
 */
import path from 'node:path'

/** Watched, relative to the app. */
export const WATCHED = ['app', 'config', 'start', 'resources', '.env']
const RESTART_ON = ['app', 'config', 'start']
/** What the app loads from those folders: modules (see support/module_loader.ts) and JSON. */
const LOADED = new Set(['.ts', '.js', '.cjs', '.cts', '.mjs', '.mts', '.json'])

/** Paths the watcher need not even look at: dotfiles (but .env), node_modules. */
export function isIgnored (file: string): boolean {
  const name = path.basename(file)
  return (name.startsWith('.') && name !== '.env') || file.split(path.sep).includes('node_modules')
}

/** 'restart', 'view' (re-read on render) or null (nothing the app reads) for a changed file. */
export function changeKind (relative: string): 'restart' | 'view' | null {
  if (relative === '.env') return 'restart'
  const [top] = relative.split(path.sep)
  const name = path.basename(relative)
  if (name.startsWith('.') || name.startsWith('#') || name.endsWith('~')) return null
  if (top === 'resources') return 'view'
  return RESTART_ON.includes(top!) && LOADED.has(path.extname(name)) && !name.endsWith('.d.ts') ? 'restart' : null
}
