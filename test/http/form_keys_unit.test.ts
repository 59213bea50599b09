/** The branches of field names and v3's collect(), one by one: the HTTP tests cover the usual paths. */
import { fieldPath, fileTree, foldArrayKeys } from '../../framework/http/form_keys'
import { collectRows } from '../../framework/http/request_negotiation'
import { UploadedFile } from '../../framework/http/uploaded_file'

const file = (field: string, name: string) => new UploadedFile(field, name, 'text/plain', 1, `/tmp/${name}`)

describe('Http | form keys (unit)', () => {
  it.each([
    ['avatar', { path: ['avatar'], list: false }],
    ['photos[]', { path: ['photos'], list: true }],
    ['user[avatar]', { path: ['user', 'avatar'], list: false }],
    ['user[docs][]', { path: ['user', 'docs'], list: true }],
    ['user[email[]]', { path: ['user', 'email'], list: true }],
    ['a[b][c]', { path: ['a', 'b', 'c'], list: false }],
  ])('v3: the field name %s is read as its path', (name, expected) => {
    expect(fieldPath(name)).toEqual(expected)
  })

  it.each(['a[b', 'a]b[', 'photos[][x]', '[x]', 'user[__proto__]', '__proto__', 'a[constructor]', 'a[b[]x'])(
    'refuses the malformed or dangerous field name %s', (name) => {
      expect(fieldPath(name)).toBeNull()
    })

  it('folds "email[]" keys into lists, joining values already there, at any depth, and drops dangerous names', () => {
    expect(foldArrayKeys({ user: { 'email[]': ['a', 'b'], name: 'x' }, list: [{ 'k[]': ['1'] }], 'tags[]': 'one' }))
      .toEqual({ user: { email: ['a', 'b'], name: 'x' }, list: [{ k: ['1'] }], tags: ['one'] })
    expect(foldArrayKeys({ a: 'first', 'a[]': ['second'] })).toEqual({ a: ['first', 'second'] })
    expect(Object.keys(foldArrayKeys({ '__proto__[]': ['x'], 'toString[]': ['y'] }) as object)).toEqual([])
  })

  it('builds the file tree: lists for [] and repeated names, nesting for brackets, fields in the order sent', () => {
    const { tree, order } = fileTree([file('b', 'b1'), file('2', 'two'), file('user[pic]', 'pic'), file('b', 'b2'), file('one[]', 'o')])
    expect(order).toEqual(['b', '2', 'user', 'one'])
    expect((tree.b as UploadedFile[]).map((f) => f.clientName())).toEqual(['b1', 'b2'])
    expect((tree.user as Record<string, UploadedFile>).pic!.clientName()).toBe('pic')
    expect(Array.isArray(tree.one)).toBe(true)
    expect(Array.isArray(tree['2'])).toBe(false)
  })

  it('a name that is both a file and a folder keeps the first one sent', () => {
    const { tree } = fileTree([file('a', 'flat'), file('a[b]', 'nested')])
    expect((tree.a as UploadedFile).clientName()).toBe('flat')
    const other = fileTree([file('a[b]', 'nested'), file('a', 'flat')]).tree
    expect(((other.a as Record<string, UploadedFile>).b)!.clientName()).toBe('nested')
  })

  it('v3: collect() rows are as long as the longest list, and a value that is not a list counts as none', () => {
    expect(collectRows({ a: ['1', '2'], b: ['x'], c: 'scalar' }, ['a', 'b', 'c'])).toEqual([{ a: '1', b: 'x', c: null }, { a: '2', b: null, c: null }])
    expect(collectRows({}, ['a'])).toEqual([])
  })
})
