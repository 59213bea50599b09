/**
 * Every built-in rule runs in time linear in its input. Each rule meets values of 100,000
 * characters shaped to make backtracking patterns explode (a dotted host ending in a bad
 * character took yup's url() 56 s at 58 characters; a run of digits took the number check
 * 12 s at 100,000). A linear check takes milliseconds on them: the bound of a second is a
 * guard against a frozen server, not a measure of speed, so a busy machine cannot fail it.
 */
import { Validator } from 'adonis-lite'
import { RULE_NAMES } from '../../framework/validation/rules'

const N = 100_000

/** Each rule with the arguments it is checked with; every rule must be listed. */
const RULES: Record<string, string[]> = {
  above: ['above:5'],
  accepted: ['accepted'],
  after: ['after:2020-01-01'],
  after_offset_of: ['after_offset_of:12,months'],
  alpha: ['alpha'],
  alpha_numeric: ['alpha_numeric'],
  array: ['array'],
  before: ['before:2020-01-01T10:00:00Z'],
  before_offset_of: ['before_offset_of:1,d'],
  between: ['between:1,5', 'number|between:1,5'],
  boolean: ['boolean'],
  confirmed: ['confirmed'],
  date: ['date'],
  date_format: ['date_format:YYYY-MM-DD', 'date_format:MMMM Do, YYYY HH:mm:ss.SSS Z', 'date_format:dddd D MMM YY h:mm A'],
  different: ['different:other'],
  email: ['email'],
  ends_with: ['ends_with:a.b!'],
  equals: ['equals:a.a.a!'],
  in: ['in:a,b,c'],
  includes: ['includes:a.b!'],
  integer: ['integer'],
  ip: ['ip'],
  ipv4: ['ipv4'],
  ipv6: ['ipv6'],
  json: ['json'],
  max: ['max:5', 'integer|max:5'],
  min: ['min:5', 'number|min:5'],
  not_equals: ['not_equals:a'],
  not_in: ['not_in:a,b'],
  number: ['number'],
  object: ['object'],
  range: ['range:1,5', 'integer|range:1,5'],
  regex: ['regex:^[a-z]+(\\s[a-z]+)*$', 'regex:^(a+)+$', 'regex:/^([a-z0-9]+[-.]?)*@$/i', 'regex:^(a+)+b$,i'],
  required: ['required'],
  required_if: ['required_if:other'],
  required_when: ['required_when:other,a.a'],
  required_with_all: ['required_with_all:other,field_confirmation'],
  required_with_any: ['required_with_any:missing,other'],
  required_without_all: ['required_without_all:missing,absent'],
  required_without_any: ['required_without_any:missing,other'],
  same: ['same:other'],
  starts_with: ['starts_with:a.a.b'],
  string: ['string'],
  under: ['under:5'],
  url: ['url'],
}

/** Values built to make a backtracking matcher try every way of splitting them. */
const ADVERSARIAL: Array<[string, () => unknown]> = [
  ['a URL with a dotted host ending in a bad character', () => `http://${'a.'.repeat(N / 2)}!`],
  ['a dotted name ending in a bad character', () => `${'a.'.repeat(N / 2)}!`],
  ['digits ending in a letter', () => `${'1'.repeat(N)}x`],
  ['digits around a dot ending in a letter', () => `${'1'.repeat(N / 2)}.${'1'.repeat(N / 2)}x`],
  ['an exponent of digits ending in a letter', () => `1e${'1'.repeat(N)}x`],
  ['an email whose parts never end', () => `${'a'.repeat(N / 2)}@${'a'.repeat(N / 2)}!`],
  ['an email with a hyphenated host', () => `a@${'a-'.repeat(N / 2)}!`],
  ['an email with 62-character labels', () => `a@${`${'a'.repeat(62)}.`.repeat(N / 63)}-!`],
  ['letters ending in a bad character', () => `${'a'.repeat(N)}!`],
  ['letters and spaces ending in a bad character', () => `${'a '.repeat(N / 2)}!`],
  ['spaces ending in a letter', () => `${' '.repeat(N)}x`],
  ['date-like words', () => `${'jan 12 '.repeat(N / 7)}x`],
  ['date parts that never close', () => `${'2024-'.repeat(N / 5)}`],
  ['a list of many long values', () => Array.from({ length: 1000 }, () => `${'a.'.repeat(50)}!`)],
  ['JSON nested as deep as it is long', () => '['.repeat(N)],
  ['IPv6 groups that never end', () => '1:'.repeat(N / 2)],
  ['dates one after another', () => '2024-01-01 '.repeat(N / 11)],
  ['a run of one repeated letter', () => 'a'.repeat(N)],
]

describe('Validator | every rule runs in time linear in its input', () => {
  it('checks every built-in rule', () => {
    expect(Object.keys(RULES).sort()).toEqual([...RULE_NAMES].sort())
  })

  for (const [name, ruleStrings] of Object.entries(RULES)) {
    it(`'${name}' answers each value of ${N.toLocaleString('en')} characters well within a second`, async () => {
      const slow: string[] = []
      for (const rule of ruleStrings) {
        for (const [shape, make] of ADVERSARIAL) {
          const value = make()
          const started = process.hrtime.bigint()
          await Validator.validateAll({ field: rule }, { field: value, field_confirmation: value, other: `${value}?` })
          const ms = Number(process.hrtime.bigint() - started) / 1e6
          if (ms > 1000) slow.push(`'${rule}' on ${shape}: ${Math.round(ms)} ms`)
        }
      }
      expect(slow).toEqual([])
    })
  }
})
