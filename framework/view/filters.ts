/**
 * Built-in view filters: URLs of routes ({{ 'user.profile' | route({ id: 1 }) }},
 * {{ 'UserController.show' | action({ id: 1 }) }}) and JSON ({{ data | json }}).
 */
import type { Router } from '../routing/router'

export function urlFilters (router: Router) {
  return {
    route: (name: string, params?: Record<string, unknown>) => router.url(name, params),
    action: (handler: string, params?: Record<string, unknown>) => router.url(handler, params),
  }
}

/** The characters that could end a <script> element or open markup, as JSON escapes that mean the same value. */
const UNSAFE_IN_SCRIPT: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' }

/**
 * `{{ value | json }}`: JSON indented by 4 spaces (or `json(2)`), as AdonisJs 3 wrote it. `<`,
 * `>` and `&` are written as \u003c, \u003e and \u0026 (the same JSON value), so that
 * `{{ data | json | safe }}` inside a <script> cannot close it. Without `safe` the output is
 * HTML-escaped like any other value.
 */
export function json (value: unknown, indentation: number | string = 4): string | undefined {
  const text = JSON.stringify(value, null, indentation)
  return text === undefined ? undefined : text.replace(/[<>&\u2028\u2029]/g, (char) => UNSAFE_IN_SCRIPT[char]!)
}
