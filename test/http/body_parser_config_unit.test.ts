/** How each key of config/bodyParser.js maps onto the parser's settings, branch by branch. */
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_BODY_PARSER } from '../../framework/http/body_parser'
import { bodyParserConfig } from '../../framework/http/body_parser_config'

const root = path.join(os.tmpdir(), 'adonis-lite-no-such-app')

describe('Http | bodyParser config keys (unit)', () => {
  it('without a config file, the defaults, with uploadsDir absolute', () => {
    expect(bodyParserConfig(undefined, root)).toEqual({ ...DEFAULT_BODY_PARSER, uploadsDir: path.resolve(DEFAULT_BODY_PARSER.uploadsDir) })
  })

  it("v3: `limit` sets the JSON, form and text limits; `strict` JSON's strict mode; qs.depth the form depth; uploads.maxSize the file limit", () => {
    expect(bodyParserConfig({ limit: '2mb', strict: false, qs: { depth: 3 }, uploads: { maxSize: '5mb' } }, root)).toMatchObject({
      jsonLimit: '2mb', formLimit: '2mb', rawLimit: '2mb', jsonStrict: false, formDepth: 3, fileLimit: '5mb',
    })
  })

  it('the sectioned keys and the flat ones; a later key wins over `limit`', () => {
    expect(bodyParserConfig({ limit: '2mb', json: { limit: 100, strict: true }, files: { maxSize: '1kb', uploadsDir: 'tmp/up' }, maxFiles: 3 }, root)).toMatchObject({
      jsonLimit: 100, formLimit: '2mb', jsonStrict: true, fileLimit: '1kb', maxFiles: 3, uploadsDir: path.join(root, 'tmp/up'),
    })
  })

  it.each([
    [[], 'module.exports must be an object'],
    [{ json: {} }, 'json is not a setting'],
    [{ maxFiles: -1 }, 'maxFiles must be a whole number'],
    [{ formDepth: 1.5 }, 'formDepth must be a whole number'],
    [{ uploadsDir: '' }, 'uploadsDir must be a folder'],
    [{ qs: { parameterLimit: 50 } }, 'qs.parameterLimit can only be 1000'],
    [{ qs: { delimiter: ';' } }, "qs.delimiter can only be '&'"],
    [{ qs: { arrayLimit: 5 } }, 'qs.arrayLimit can only be 100'],
    [{ form: { limit: {} } }, 'form.limit must be a size'],
  ])('refuses %j at boot: "%s"', (given, message) => {
    expect(() => bodyParserConfig(given, root)).toThrow(`config/bodyParser.js: ${message}`)
  })
})
