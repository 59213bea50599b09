/** What `Validator.validate` resolves to: whether it failed, and the messages a view lists. */
import type { ValidationMessage } from './types'

/** The outcome of one validation. */
export class ValidationResult {
  readonly #messages: readonly ValidationMessage[]

  constructor (messages: readonly ValidationMessage[]) {
    this.#messages = messages
  }

  /** Whether any rule failed. */
  fails (): boolean {
    return this.#messages.length > 0
  }

  /** The failures as `[{ field, validation, message }]`, in the order of the rules' fields, then of each field's rules. */
  messages (): ValidationMessage[] {
    return this.#messages.slice()
  }
}

/** The result of every validation that passes: nothing to allocate on the common path. */
export const PASSED = new ValidationResult(Object.freeze([]))
