/**
 * The app's configuration: every file in config/ becomes a key ('config/session.js' ->
 * Config.get('session.driver')), in TypeScript or JavaScript, ES module or CommonJS syntax.
 */
import fs from 'node:fs'
import path from 'node:path'
import { defaultExport, findModule, loadModule, MODULE_EXTENSIONS } from '../support/module_loader'
import { deepMerge, getPath, isPlainObject } from '../support/object_path'

export type ConfigValues = Record<string, unknown>

/** Read access to loaded configuration by dotted key. */
export class Config {
  readonly #values: ConfigValues

  constructor (values: ConfigValues) {
    this.#values = values
  }

  get<T = unknown> (key: string, defaultValue?: T): T {
    const value = getPath(this.#values, key)
    return (value === undefined ? defaultValue : value) as T
  }

  /** Every value, for inspection. */
  all (): ConfigValues {
    return this.#values
  }
}

/** Loads every module in the config folder, then deep-merges overrides (used by tests). */
export function loadConfig (root: string, overrides: ConfigValues = {}): Config {
  const dir = path.join(root, 'config')
  const values: ConfigValues = {}
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : []
  const keys = new Set(files
    .filter((file) => MODULE_EXTENSIONS.includes(path.extname(file)) && !file.endsWith('.d.ts'))
    .map((file) => path.basename(file, path.extname(file))))
  for (const key of [...keys].sort()) {
    const file = findModule(path.join(dir, key))! // config/app.ts wins over config/app.js
    const loaded = defaultExport(loadModule(file, root))
    values[key] = isPlainObject(loaded) ? { ...loaded } : loaded
  }
  return new Config(deepMerge(values, overrides))
}

/** The config file a key is read from as it exists ('config/shield.js'), for messages; config/<key>.js when there is none. */
export function configFileName (root: string, key: string): string {
  const file = findModule(path.join(root, 'config', key))
  return file === null ? `config/${key}.js` : path.relative(root, file).split(path.sep).join('/')
}
