/**
 * Values views may print as they are, as AdonisJs 3 templates write them (`{{ csrfField }}`),
 * or call (`{{ csrfField() }}`): a function whose printed form is what calling it returns.
 * Computed on first print or call only, so a page that shows no token makes none.
 */
import nunjucks from 'nunjucks'

const { SafeString } = nunjucks.runtime

/** A SafeString that can still be called: Nunjucks calls through apply(). */
const CALLABLE_SAFE_STRING: object = Object.create(SafeString.prototype, {
  apply: { value: Function.prototype.apply },
  call: { value: Function.prototype.call },
})

/** Markup (not escaped when printed, as a SafeString), e.g. the hidden CSRF field. */
export function printableMarkup (compute: () => string): () => nunjucks.runtime.SafeString {
  const value = function markup () { return new SafeString(compute()) }
  // Nunjucks prints an instance of SafeString without escaping, reading its val.
  Object.setPrototypeOf(value, CALLABLE_SAFE_STRING)
  Object.defineProperty(value, 'val', { get: compute })
  value.toString = compute
  value.valueOf = compute
  return value
}

/** Text (escaped when printed), e.g. the CSRF token. */
export function printableText (compute: () => string): () => string {
  const value = function text () { return compute() }
  value.toString = compute
  value.valueOf = compute
  return value
}
