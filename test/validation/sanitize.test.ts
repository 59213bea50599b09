import { Validator } from 'adonis-lite'

describe('Validator | sanitize', () => {
  it('copies only the objects on the way to a sanitized field, leaving the data as it was', () => {
    const data = { profile: { email: 'A.B@gmail.com', tags: ['x'] }, other: { kept: true } }
    const sanitized = Validator.sanitize(data, { 'profile.email': 'normalize_email' })
    expect(sanitized).toEqual({ profile: { email: 'ab@gmail.com', tags: ['x'] }, other: { kept: true } })
    expect(data.profile.email).toBe('A.B@gmail.com')
    expect(sanitized.other).toBe(data.other)
    expect(sanitized.profile.tags).toBe(data.profile.tags)
  })

  it('reaches every item of a list, or of an object with numbered keys, through *', () => {
    const data = { users: [{ name: ' <b>a</b> ' }, { name: 'b' }], byIndex: { 0: 'A', 1: 'B' } }
    expect(Validator.sanitize(data, { 'users.*.name': 'strip_tags', 'byIndex.*': 'decapitalize' }))
      .toEqual({ users: [{ name: 'a' }, { name: 'b' }], byIndex: { 0: 'a', 1: 'b' } })
    expect(Validator.sanitize({}, { 'users.*.name': 'strip_tags' })).toEqual({})
  })

  it('runs filters on missing fields too, as AdonisJs 3 did: an unticked box becomes false', () => {
    expect(Validator.sanitize({}, { remember: 'to_boolean' })).toEqual({ remember: false })
    expect(Validator.sanitize({ remember: 'on' }, { remember: ['to_boolean'] })).toEqual({ remember: true })
  })

  it('passes rule arguments to filters, and takes filters added with sanitizor.extend', () => {
    Validator.sanitizor.extend('repeat', (value, args) => String(value).repeat(Number(args?.[0])))
    expect(Validator.sanitize({ n: 'ff', s: 'ab' }, { n: 'to_int:16', s: 'repeat:2' })).toEqual({ n: 255, s: 'abab' })
    expect(() => Validator.sanitizor.extend('slug', (value) => value)).toThrow("cannot replace the built-in filter 'slug'")
  })

  it('names the field and the filter when a rule is wrong', () => {
    expect(() => Validator.sanitize({}, { 'profile.email': 'normalize_email:!rd|foo' })).toThrow(
      expect.objectContaining({ code: 'E_UNKNOWN_SANITIZATION_FILTER', message: expect.stringContaining("'foo' given for field 'profile.email'") }))
    expect(() => Validator.sanitize({}, { a: 'slug||trim' })).toThrow(expect.objectContaining({ code: 'E_INVALID_SANITIZATION_RULE' }))
    expect(() => Validator.sanitize({}, { '__proto__.x': 'slug' })).toThrow(TypeError)
  })

  it('keeps a __proto__ key in the data a plain key', () => {
    const data = JSON.parse('{"__proto__": {"admin": true}, "name": "A"}')
    const sanitized = Validator.sanitize(data, { name: 'decapitalize' }) as Record<string, unknown>
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
    expect(Object.getPrototypeOf(sanitized)).toBe(Object.prototype)
    expect(sanitized.name).toBe('a')
  })

  it('cleans values with the filters of AdonisJs 3', () => {
    const s = Validator.sanitizor
    expect(s.escape('<a href="/x">it\'s</a>')).toBe('&lt;a href=&quot;&#x2F;x&quot;&gt;it&#x27;s&lt;&#x2F;a&gt;')
    expect(s.stripLinks('<a href="x">one</a> and <A>two\n</A> <a>three')).toBe('one and <A>two\n</A> <a>three')
    expect(s.normalizeEmail('First.Last@Example.com')).toBe('first.last@example.com')
    expect(s.blacklist('a-b_c', ['\\-_'])).toBe('abc')
    expect(() => s.blacklist('a', ['a](x+)+['])).toThrow(TypeError)
    expect(s.underscore('HTMLParser')).toBe('html_parser')
    expect(s.slug('Crème brûlée, s\'il vous plaît!')).toBe('crème-brûlée-s-il-vous-plaît')
    expect(s.toDate('x'.repeat(101))).toBeNull()
  })
})
