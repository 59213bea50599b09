/**
 * The Validator that `adonis-lite` exports: the same two methods, with the rules, messages and
 * yup behind them required on the first validation rather than when the app boots. A
 * controller that imports Validator is loaded at boot, and a server's cold start need not pay
 * for validating before its first form (bench/startup.ts measures cold starts).
 */
import type { Validator as ValidatorType } from './validator'

let loaded: typeof ValidatorType | undefined

function validator (): typeof ValidatorType {
  loaded ??= (require('./validator') as typeof import('./validator')).Validator
  return loaded
}

/** Validates data against rules; both methods return promises, so `yield` and `await` both work. */
export const Validator: typeof ValidatorType = {
  validate: (rules, data, messages) => validator().validate(rules, data, messages),
  validateAll: (rules, data, messages) => validator().validateAll(rules, data, messages),
}
