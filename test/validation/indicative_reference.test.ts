/**
 * Our Validator against AdonisJs 3's, case by case. fixtures/indicative-2.2.1.json holds every
 * input that indicative 2.2.1's own tests (the rules behind adonis-validation-provider 3.0.5)
 * give each rule, `is.*` check and sanitizer, with the outcome AdonisJs 3 gave. Each case runs
 * here through ValidatorV3, in v3's argument order, and either agrees or is one of the
 * deliberate differences listed below with its reason (the same reasons are in
 * docs/migrating-from-adonisjs-3.md).
 */
import { isDeepStrictEqual } from 'node:util'
import { ValidatorV3 } from 'adonis-lite'
import reference from './fixtures/indicative-2.2.1.json'

type Section = 'rules' | 'raw' | 'sanitizor' | 'sanitize'

/** What a case came to: a validation's failure (or none), a returned value, or an error thrown. */
type Outcome = { fails: false } | { fails: true, validation: string, message: string } | { returns: unknown } | { throws: true }

interface Case {
  section: Section
  key: string
  expected: Outcome
  run: () => Promise<Outcome>
}

/** Cases where we differ from AdonisJs 3 on purpose: what we do instead, and why. */
const DIFFERENCES: Record<string, { ours: Outcome, reason: string }> = {
  'rules integer: should throw an error when value is a string': {
    ours: { fails: false },
    reason: "every form value is a string, so v3's integer refused every form post; '10' passes, 10.1 and '10.1' still fail",
  },
  'rules range:,60: should throw an error when min value is not defined': {
    ours: { throws: true },
    reason: 'a rule written wrong is the app\'s mistake: it rejects the validation with E_INVALID_VALIDATION_RULE instead of failing every visitor',
  },
  'rules range:18: should throw an error when max value is not defined': {
    ours: { throws: true },
    reason: 'a rule written wrong is the app\'s mistake: it rejects the validation with E_INVALID_VALIDATION_RULE instead of failing every visitor',
  },
}

/** A value as the fixture encodes what JSON cannot hold. */
function decode (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode)
  if (value === null || typeof value !== 'object') return value
  const encoded = value as Record<string, unknown>
  if ('$undef' in encoded) return undefined
  if ('$nan' in encoded) return Number.NaN
  if ('$date' in encoded) return new Date(encoded.$date as string)
  if ('$fn' in encoded) return String(encoded.$fn).includes('[native code]') ? Function.prototype.toString : () => undefined
  if ('$rel' in encoded) return relativeDate(encoded.$rel as { months?: number, days?: number, format?: string })
  return Object.fromEntries(Object.entries(encoded).map(([key, item]) => [key, decode(item)]))
}

/** Now, moved by months and days; as 'YYYY-MM-DD' on the local calendar when the format is 'date'. */
function relativeDate ({ months = 0, days = 0, format }: { months?: number, days?: number, format?: string }): Date | string {
  const date = new Date()
  date.setMonth(date.getMonth() + months, date.getDate() + days)
  if (format !== 'date') return date
  const pad = (number: number) => String(number).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

async function outcomeOf (run: () => unknown): Promise<Outcome> {
  try {
    return { returns: await run() }
  } catch {
    return { throws: true }
  }
}

// v3's default message, given as a custom message: what we render must be what v3 showed.
const V3_MESSAGE = '{{validation}} validation failed on {{field}}'

function ruleCases (): Case[] {
  return Object.values(reference.rules).flatMap(({ cases }) => cases.map((item): Case => {
    const name = item.rule.split(':')[0]!
    return {
      section: 'rules',
      key: `rules ${item.rule}: ${item.title}`,
      expected: item.fails ? { fails: true, validation: item.validation!, message: item.message! } : { fails: false },
      run: async () => {
        try {
          const validation = await ValidatorV3.validateAll(decode(item.data), { [item.field]: item.rule }, { [name]: V3_MESSAGE })
          const [failure, ...more] = validation.messages()
          if (failure === undefined) return { fails: false }
          if (more.length > 0) throw new Error(`one rule failed ${more.length + 1} times`)
          return { fails: true, validation: failure.validation, message: failure.message }
        } catch {
          return { throws: true }
        }
      },
    }
  }))
}

function callCases (section: 'raw' | 'sanitizor', target: Record<string, unknown>): Case[] {
  return (reference[section] as Array<{ name: string, title: string, args: unknown[], returns: unknown }>).map((item) => ({
    section,
    key: `${section} ${item.name}: ${item.title}`,
    expected: { returns: decode(item.returns) },
    run: () => outcomeOf(() => (target[item.name] as (...args: unknown[]) => unknown)(...(decode(item.args) as unknown[]))),
  }))
}

function sanitizeCases (): Case[] {
  return reference.sanitize.map((item): Case => ({
    section: 'sanitize',
    key: `sanitize: ${item.title}`,
    expected: 'throws' in item ? { throws: true } : { returns: item.returns },
    run: () => outcomeOf(() => {
      const data = decode(item.data) as Record<string, unknown>
      const before = JSON.parse(JSON.stringify(data)) as unknown
      const sanitized = ValidatorV3.sanitize(data, item.rules as Record<string, string>)
      // The data passed in is never changed.
      if (!isDeepStrictEqual(data, before)) throw new Error('sanitize changed the data it was given')
      return sanitized
    }),
  }))
}

const CASES: Case[] = [
  ...ruleCases(),
  ...callCases('raw', ValidatorV3.is as unknown as Record<string, unknown>),
  ...callCases('sanitizor', ValidatorV3.sanitizor as unknown as Record<string, unknown>),
  ...sanitizeCases(),
]

/** What we are expected to do: v3's outcome, or the deliberate difference. */
const intended = (item: Case) => DIFFERENCES[item.key]?.ours ?? item.expected

describe('Validator | agreement with AdonisJs 3 (indicative 2.2.1 test cases)', () => {
  const outcomes = new Map<Case, Outcome>()

  beforeAll(async () => {
    for (const item of CASES) outcomes.set(item, await item.run())
  })

  for (const section of ['rules', 'raw', 'sanitizor', 'sanitize'] as const) {
    const cases = CASES.filter((item) => item.section === section)
    const differing = cases.filter((item) => item.key in DIFFERENCES).length
    it(`${section}: agrees on ${cases.length - differing} of ${cases.length} cases, and differs on purpose on ${differing}`, () => {
      const disagreeing = cases.filter((item) => !isDeepStrictEqual(outcomes.get(item), item.expected)).map((item) => item.key)
      expect(disagreeing).toEqual(cases.filter((item) => item.key in DIFFERENCES).map((item) => item.key))
    })
  }

  it('lists only differences that are cases of the reference, each with its reason', () => {
    const keys = new Set(CASES.map((item) => item.key))
    for (const [key, { reason }] of Object.entries(DIFFERENCES)) expect({ key, known: keys.has(key), reason: reason.length > 20 }).toEqual({ key, known: true, reason: true })
  })

  for (const item of CASES) {
    it(`${item.key}${item.key in DIFFERENCES ? ' (a deliberate difference)' : ''}`, () => {
      expect(outcomes.get(item)).toEqual(intended(item))
    })
  }
})
