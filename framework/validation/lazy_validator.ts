/**
 * The Validator and ValidatorV3 that `adonis-lite` exports: the same methods, with the rules,
 * checks, filters and yup behind them required on first use rather than when the app boots. A
 * controller that imports Validator is loaded at boot, and a server's cold start need not pay
 * for validating before its first form (bench/startup.ts measures cold starts).
 */
import type { Validator as RulesFirst, ValidatorV3 as DataFirst } from './validator'

let loaded: typeof import('./validator') | undefined

function load (): typeof import('./validator') {
  loaded ??= require('./validator') as typeof import('./validator')
  return loaded
}

// Shared by both, as the Validator's own are: extend and sanitize are one function each.
const extend: typeof RulesFirst.extend = (name, fn, message) => load().Validator.extend(name, fn, message)
const sanitize: typeof RulesFirst.sanitize = (data, rules) => load().Validator.sanitize(data, rules)

/** Validates data against rules given first; every method returns a promise, so `yield` and `await` both work. */
export const Validator: typeof RulesFirst = Object.freeze({
  validate: (rules, data, messages) => load().Validator.validate(rules, data, messages),
  validateAll: (rules, data, messages) => load().Validator.validateAll(rules, data, messages),
  extend,
  sanitize,
  get is () { return load().Validator.is },
  get sanitizor () { return load().Validator.sanitizor },
} satisfies typeof RulesFirst)

/** The Validator with AdonisJs 3's argument order, data first: `import { ValidatorV3 as Validator } from 'adonis-lite'`. */
export const ValidatorV3: typeof DataFirst = Object.freeze({
  validate: (data, rules, messages) => load().ValidatorV3.validate(data, rules, messages),
  validateAll: (data, rules, messages) => load().ValidatorV3.validateAll(data, rules, messages),
  extend,
  sanitize,
  get is () { return load().ValidatorV3.is },
  get sanitizor () { return load().ValidatorV3.sanitizor },
} satisfies typeof DataFirst)
