import { Validator } from 'adonis-lite'

const is = Validator.is

describe('Validator | is', () => {
  it('answers false, never throws, for values of the wrong kind', () => {
    for (const value of [undefined, null, 42, {}, [], () => 1, Symbol('x')]) {
      for (const name of ['email', 'url', 'phone', 'creditCard', 'alpha', 'affirmative', 'ip', 'json', 'today', 'past', 'future']) {
        expect({ name, value: String(value), result: (is[name] as (value: unknown) => boolean)(value) }).toEqual({ name, value: String(value), result: false })
      }
    }
  })

  it('reads numbers as the number rule does and compares dates on the server\'s calendar', () => {
    expect(is.above('42', 40)).toBe(true)
    expect(is.between(20, 20, 40)).toBe(true)
    expect(is.even('0x10')).toBe(false)
    expect(is.odd(-3)).toBe(true)
    expect(is.after('2024-01-02', '2024-01-01')).toBe(true)
    expect(is.before(new Date('2024-01-01T00:00:00Z'), '2024-01-01T00:00:01Z')).toBe(true)
    expect(is.dateFormat('07/03/2024', ['YYYY-MM-DD', 'DD/MM/YYYY'])).toBe(true)
    expect(is.inDateRange('2015-11-10', '2015-11-10', '2015-11-30')).toBe(false)
  })

  it('runs regex patterns, RegExp objects included, on RE2', () => {
    expect(is.regex('abc', /^[a-z]+$/)).toBe(true)
    expect(is.regex('ABC', /^[a-z]+$/i)).toBe(true)
    expect(is.regex('a'.repeat(50_000) + '!', /^(a+)+$/)).toBe(false)
    expect(() => is.regex('a', /(?=a)/)).toThrow()
  })

  it('adds checks with extend and refuses to replace the built-in ones', () => {
    is.extend('postcode', (value: unknown) => typeof value === 'string' && /^\d{5}$/.test(value))
    expect((is.postcode as (value: unknown) => boolean)('75001')).toBe(true)
    expect(() => is.extend('email', () => true)).toThrow("cannot replace the built-in check 'email'")
    expect(() => is.extend('x', 'y' as never)).toThrow(expect.objectContaining({ code: 'E_INVALID_VALIDATOR_EXTENSION' }))
    expect(() => { (is as unknown as Record<string, unknown>).email = () => true }).toThrow(TypeError)
  })
})
