import fc from 'fast-check'
import { matchesPattern, patternSource } from '../../framework/http/path_pattern'

/** The same regular expression run by JavaScript's engine, as v3 ran it: the reference, for short paths only. */
function referenceMatch (pattern: string, path: string): boolean {
  return new RegExp(patternSource(pattern), 'i').test(path)
}

describe('request.match() patterns', () => {
  it.each([
    ['/users/:id', '/users/1', true],
    ['/users/:id', '/users/1/', true],
    ['/users/:id', '/USERS/1', true],
    ['/users/:id', '/users', false],
    ['/users/:id', '/users/', false],
    ['/users/:id', '/users/1/edit', false],
    ['/users/:id?', '/users', true],
    ['/users/:id?', '/users/1', true],
    ['/users/:id?', '/users//', false],
    ['/files/*', '/files/a/b/c', true],
    ['/files/*', '/files/', true],
    ['/files/*', '/file', false],
    ['/a.b', '/aXb', false],
    ['/a+b', '/a+b', true],
    ['*', '', true],
    ['/:a.:b', '/x.y.:b', true],
    ['/:a.:b', '/xyz', false],
    ['/*/*/x', '/a/b/x/', true],
  ])('%s against %s is %s', (pattern, path, expected) => {
    expect(matchesPattern(path, [pattern])).toBe(expected)
    expect(referenceMatch(pattern, path)).toBe(expected)
  })

  it('answers as the regular expressions did, on generated patterns and paths', () => {
    const patternPart = fc.constantFrom('/', 'a', 'B', '.', 'x', '*', '/:id', '/:id?', '/a', '/b')
    const pathChar = fc.constantFrom('/', 'a', 'b', 'A', '.', 'x', 'X')
    fc.assert(fc.property(fc.array(patternPart, { maxLength: 6 }), fc.array(pathChar, { maxLength: 12 }), (parts, chars) => {
      const pattern = parts.join('')
      const path = chars.join('')
      expect(matchesPattern(path, [pattern])).toBe(referenceMatch(pattern, path))
    }), { numRuns: 5000 })
  })

  it('matches a 16 KB path against a pattern of three stars (a backtracking regular expression would take minutes)', () => {
    const path = '/'.repeat(16 * 1024)
    expect(matchesPattern(path, ['/*/*/*/x'])).toBe(false)
    expect(matchesPattern(`${path}x`, ['/*/*/*/x'])).toBe(true)
  })

  it('any of several patterns', () => {
    expect(matchesPattern('/admin/users', ['/users/*', '/admin/*'])).toBe(true)
    expect(matchesPattern('/admin', ['/users/*', '/admin/:page'])).toBe(false)
  })
})
