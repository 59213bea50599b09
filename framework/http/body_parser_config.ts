/**
 * config/bodyParser.js (or .ts), read at boot. It takes AdonisJs 3's keys (limit, strict, qs,
 * uploads), the sectioned keys of later versions (json.limit, form.limit, raw.limit,
 * files.maxSize) and adonis-lite's own (jsonLimit, formLimit, fileLimit...), each mapped onto
 * one setting. An unknown key or a value that cannot be used stops the app at boot, naming the
 * file and the key, rather than its first request.
 */
import path from 'node:path'
import { E_INVALID_CONFIG } from '../errors'
import { findModule } from '../support/module_loader'
import { isPlainObject } from '../support/object_path'
import { type BodyParserConfig, DEFAULT_BODY_PARSER } from './body_parser'
import { toBytes } from './uploads'

type Setting = keyof BodyParserConfig
type Given = Record<string, unknown>

/** Where each key's value goes; a function for the keys that set several things or accept only some values. */
const KEYS: Record<string, Setting | Setting[] | ((value: unknown, set: Partial<BodyParserConfig>, fail: (problem: string) => never) => void)> = {
  // adonis-lite's own names.
  jsonLimit: 'jsonLimit',
  formLimit: 'formLimit',
  rawLimit: 'rawLimit',
  formDepth: 'formDepth',
  fileLimit: 'fileLimit',
  maxFiles: 'maxFiles',
  uploadsLimit: 'uploadsLimit',
  uploadsDir: 'uploadsDir',
  // AdonisJs 3: one limit for every body, and JSON's strict mode.
  limit: ['jsonLimit', 'formLimit', 'rawLimit'],
  strict: 'jsonStrict',
  'qs.depth': 'formDepth',
  'qs.parameterLimit': (value, _set, fail) => { if (value !== 1000) fail('can only be 1000 (the fields one form may have)') },
  'qs.delimiter': (value, _set, fail) => { if (value !== '&') fail("can only be '&'") },
  'qs.allowDots': (value, _set, fail) => { if (value !== false) fail('can only be false: only brackets nest (user[name]), so that one field cannot arrive under two names') },
  'qs.arrayLimit': (value, _set, fail) => { if (value !== 100) fail('can only be 100') },
  'uploads.maxSize': 'fileLimit',
  'uploads.multiple': (value, _set, fail) => { if (value !== true) fail('can only be true: several files in one field (photos[]) always arrive as a list') },
  'uploads.hash': (value, _set, fail) => { if (value !== false) fail('can only be false: hash the moved file yourself (crypto.createHash) if you need a checksum') },
  // Later versions' sections.
  'json.limit': 'jsonLimit',
  'json.strict': 'jsonStrict',
  'form.limit': 'formLimit',
  'raw.limit': 'rawLimit',
  'files.maxSize': 'fileLimit',
  'files.uploadsDir': 'uploadsDir',
}

const SIZES: Setting[] = ['jsonLimit', 'formLimit', 'rawLimit', 'fileLimit', 'uploadsLimit']

/** The body parser's settings from the bodyParser config (config/bodyParser.js or .ts). */
export function bodyParserConfig (given: unknown, root: string): BodyParserConfig {
  const file = configFileName(root)
  const fail = (key: string) => (problem: string): never => { throw E_INVALID_CONFIG(file, key, problem) }
  if (given === undefined) return { ...DEFAULT_BODY_PARSER, uploadsDir: path.resolve(root, DEFAULT_BODY_PARSER.uploadsDir) }
  if (!isPlainObject(given)) throw E_INVALID_CONFIG(file, 'module.exports', 'must be an object such as { limit: \'1mb\' }')
  const settings: Partial<BodyParserConfig> = {}
  for (const [key, value] of flatten(given)) {
    const target = KEYS[key]
    if (target === undefined) fail(key)(`is not a setting: use ${Object.keys(KEYS).join(', ')}`)
    else if (typeof target === 'function') target(value, settings, fail(key))
    else for (const setting of [target].flat()) Object.assign(settings, { [setting]: check(setting, value, fail(key)) })
  }
  const config = { ...DEFAULT_BODY_PARSER, ...settings }
  return { ...config, uploadsDir: path.resolve(root, config.uploadsDir) }
}

/** The given keys as dotted paths: { qs: { depth: 5 } } -> ['qs.depth', 5]; an empty section is a key of its own. */
function flatten (given: Given, prefix = ''): Array<[string, unknown]> {
  return Object.entries(given).flatMap(([key, value]): Array<[string, unknown]> =>
    isPlainObject(value) && Object.keys(value).length > 0 && prefix === '' ? flatten(value, `${key}.`) : [[prefix + key, value]])
}

function check (setting: Setting, value: unknown, fail: (problem: string) => never): unknown {
  // Sizes are read at boot, so a mistake stops the app rather than its first upload.
  if (SIZES.includes(setting)) {
    if (typeof value !== 'string' && typeof value !== 'number') fail('must be a size such as 512kb, 10mb or a number of bytes')
    try {
      toBytes(value as string | number)
    } catch {
      fail(`is ${JSON.stringify(value)}, not a size: write 512kb, 10mb or a number of bytes`)
    }
  }
  if ((setting === 'formDepth' || setting === 'maxFiles') && !(Number.isInteger(value) && (value as number) >= 0)) fail('must be a whole number, 0 or more')
  if (setting === 'jsonStrict' && typeof value !== 'boolean') fail('must be true or false')
  if (setting === 'uploadsDir' && (typeof value !== 'string' || value === '')) fail('must be a folder')
  return value
}

/** The file the settings came from, for error messages: config/bodyParser.js as v3 named it, or its .ts form. */
function configFileName (root: string): string {
  const found = findModule(path.join(root, 'config', 'bodyParser'))
  return found === null ? 'config/bodyParser.js' : path.relative(root, found).split(path.sep).join('/')
}
