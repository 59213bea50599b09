/**
 * Failure messages: the readable name of a field, the lookup of custom messages (by
 * 'field.rule', then by 'rule') and the `{{ placeholder }}` syntax they are written in.
 */
import type { MessageTemplate, Messages } from './types'

/** The name a message shows for a field: 'profile.username' -> 'profile username', 'firstName' -> 'first name'. */
export function humanise (field: string): string {
  return field
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[._\-\s]+/g, ' ')
    .trim()
    .toLowerCase()
}

/** The custom message for a failed rule: `messages['email.required']`, else `messages.required`, else undefined. */
export function customMessage (messages: Messages | undefined, field: string, validation: string): MessageTemplate | undefined {
  if (messages === undefined || messages === null) return undefined
  const specific = `${field}.${validation}`
  if (Object.hasOwn(messages, specific)) return messages[specific]
  if (Object.hasOwn(messages, validation)) return messages[validation]
  return undefined
}

/** What a message template may refer to. */
export interface MessageValues {
  /** The field as named in the rules: 'profile.username'. */
  field: string
  /** Its readable name: 'profile username'. */
  label: string
  /** The rule that failed: 'min'. */
  validation: string
  /** The rule's arguments as written: ['6']. */
  args: readonly string[]
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g

/**
 * Renders a custom message. `{{ field }}`, `{{ label }}`, `{{ validation }}`, `{{ argument }}`
 * (all arguments, comma separated) and `{{ argument.0 }}` are replaced; anything else is left
 * as written, so a typo shows up in the page instead of vanishing. A function is called with
 * (field, validation, args), as indicative did.
 */
export function renderMessage (template: MessageTemplate, values: MessageValues): string {
  if (typeof template === 'function') return String(template(values.field, values.validation, values.args))
  return String(template).replace(PLACEHOLDER, (placeholder: string, name: string) => valueOf(name, values) ?? placeholder)
}

function valueOf (name: string, values: MessageValues): string | undefined {
  switch (name) {
    case 'field': return values.field
    case 'label': return values.label
    case 'validation': return values.validation
    case 'argument': return values.args.join(', ')
  }
  const index = /^argument\.(\d+)$/.exec(name)
  return index ? values.args[Number(index[1])] : undefined
}
