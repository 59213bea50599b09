/**
 * Values views may print as they are, as AdonisJs 3 templates write them (`{{ csrfField }}`),
 * or call (`{{ csrfField() }}`): a function whose printed form is what calling it returns.
 * Computed on first print or call only, so a page that shows no token makes none.
 */
import nunjucks from 'nunjucks'

const { SafeString } = nunjucks.runtime

interface Printable {
  compute: () => string
}

/**
 * The prototype of printable markup: a SafeString (Nunjucks prints an instance of it without
 * escaping) that can still be called, as Nunjucks calls through apply(). Everything is on the
 * prototype, made once: each value only gets its own `compute` (defining a getter per value
 * cost ten times as much, on every render).
 */
const CALLABLE_SAFE_STRING: object = Object.create(SafeString.prototype, {
  apply: { value: Function.prototype.apply },
  call: { value: Function.prototype.call },
  val: { get (this: Printable) { return this.compute() } },
  toString: { value (this: Printable) { return this.compute() } },
  valueOf: { value (this: Printable) { return this.compute() } },
})

/** Markup (not escaped when printed), e.g. the hidden CSRF field. */
export function printableMarkup (compute: () => string): () => nunjucks.runtime.SafeString {
  const value = Object.assign(function markup () { return new SafeString(compute()) }, { compute })
  Object.setPrototypeOf(value, CALLABLE_SAFE_STRING)
  return value
}

/** Text (escaped when printed), e.g. the CSRF token. */
export function printableText (compute: () => string): () => string {
  const value = function text () { return compute() }
  value.toString = compute
  value.valueOf = compute
  return value
}
