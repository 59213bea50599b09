/**
 * Every Validator.is check and every sanitizer filter runs in time linear in its input, like the
 * rules (see linear_time.test.ts): each meets values of 100,000 characters shaped to make
 * backtracking patterns explode, and must answer well within a second.
 */
import { Validator } from 'adonis-lite'

const N = 100_000

/** The extra arguments each check or filter is called with; every one must be listed. */
const IS_ARGS: Record<string, unknown[]> = {
  array: [],
  boolean: [],
  date: [],
  function: [],
  null: [],
  number: [],
  object: [],
  json: [],
  string: [],
  sameType: ['x'],
  existy: [],
  truthy: [],
  falsy: [],
  empty: [],
  regex: [/^(a+)+$/],
  url: [],
  email: [],
  phone: [],
  creditCard: [],
  alpha: [],
  alphaNumeric: [],
  affirmative: [],
  ipv4: [],
  ipv6: [],
  ip: [],
  same: ['x'],
  even: [],
  odd: [],
  positive: [],
  negative: [],
  above: [5],
  under: [5],
  between: [1, 5],
  inArray: [Array.from({ length: N }, (_item, index) => index)],
  sorted: [],
  intersectAny: [Array.from({ length: N }, (_item, index) => index)],
  intersectAll: [Array.from({ length: N }, (_item, index) => index)],
  today: [],
  yesterday: [],
  tomorrow: [],
  past: [],
  future: [],
  after: ['2020-01-01'],
  before: ['2020-01-01'],
  afterOffsetOf: [1, 'days'],
  beforeOffsetOf: [1, 'days'],
  dateFormat: ['YYYY-MM-DD HH:mm'],
  inDateRange: ['2020-01-01', '2030-01-01'],
}

const FILTER_ARGS: Record<string, unknown[]> = {
  blacklist: [['a.\\-']],
  escape: [],
  normalizeEmail: [[]],
  toBoolean: [],
  toFloat: [],
  toInt: [[]],
  toDate: [],
  stripLinks: [],
  stripTags: [['trim']],
  plural: [],
  singular: [],
  camelCase: [],
  capitalize: [],
  decapitalize: [],
  title: [],
  underscore: [],
  toDash: [],
  slug: [],
  humanize: [],
}

const ADVERSARIAL: Array<[string, () => unknown]> = [
  ['a dotted name ending in a bad character', () => `${'a.'.repeat(N / 2)}!`],
  ['digits ending in a letter', () => `${'1'.repeat(N)}x`],
  ['an email whose parts never end', () => `${'a'.repeat(N / 2)}@${'a'.repeat(N / 2)}!`],
  ['letters and spaces ending in a bad character', () => `${'a '.repeat(N / 2)}!`],
  ['unclosed links', () => '<a>'.repeat(N / 3)],
  ['unclosed tags', () => '<a<'.repeat(N / 3)],
  ['upper case runs', () => `${'A'.repeat(N)}a`],
  ['underscores and dashes', () => '_-'.repeat(N / 2)],
  ['a long list', () => Array.from({ length: N }, (_item, index) => N - index)],
  ['@ signs', () => '@.+'.repeat(N / 3)],
]

function slowCalls (target: Record<string, unknown>, args: Record<string, unknown[]>): string[] {
  const slow: string[] = []
  for (const [name, extra] of Object.entries(args)) {
    for (const [shape, make] of ADVERSARIAL) {
      const started = process.hrtime.bigint()
      try {
        (target[name] as (...values: unknown[]) => unknown)(make(), ...extra)
      } catch {
        // A check that refuses the value quickly is as good as one that answers.
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (ms > 1000) slow.push(`${name} on ${shape}: ${Math.round(ms)} ms`)
    }
  }
  return slow
}

describe('Validator | checks and filters run in time linear in their input', () => {
  it('lists every check of Validator.is and every filter of Validator.sanitizor', () => {
    expect(Object.keys(IS_ARGS).sort()).toEqual(Object.keys(Validator.is).sort())
    expect(Object.keys(FILTER_ARGS).sort()).toEqual(Object.keys(Validator.sanitizor).sort())
  })

  it(`answers every Validator.is check on values of ${N.toLocaleString('en')} characters well within a second`, () => {
    expect(slowCalls(Validator.is as unknown as Record<string, unknown>, IS_ARGS)).toEqual([])
  })

  it(`runs every sanitizer filter on values of ${N.toLocaleString('en')} characters well within a second`, () => {
    expect(slowCalls(Validator.sanitizor as unknown as Record<string, unknown>, FILTER_ARGS)).toEqual([])
  })
})
