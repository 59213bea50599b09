/**
 * The pieces of HTML the form and link helpers write: attributes and text escaped, options
 * of a select, and the result marked safe so Nunjucks does not escape it a second time.
 */
import nunjucks from 'nunjucks'
import { E_INVALID_VIEW_HELPER } from '../errors'
import { escapeHtml } from './escape'

export type Attributes = Record<string, unknown>
export type Html = nunjucks.runtime.SafeString

/** The most options selectRange() writes: a page of more is a mistake, and would take the memory of a billion strings to find out. */
export const MAX_RANGE_OPTIONS = 10_000

/** ` name="value"` pairs, escaped; true is a bare attribute, false/null/undefined are left out. */
export function renderAttributes (attributes: Attributes): string {
  let html = ''
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (!/^[A-Za-z_:][A-Za-z0-9_:.-]*$/.test(name)) continue
    html += value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`
  }
  return html
}

/** Text between tags: escaped, unless the template marked it safe ({{ linkTo('home', '<b>Home</b>' | safe) }}). */
export function contentOf (value: unknown): string {
  return value instanceof nunjucks.runtime.SafeString ? value.toString() : escapeHtml(value)
}

export function safe (html: string): Html {
  return new nunjucks.runtime.SafeString(html)
}

export function hiddenInput (name: string, value: string): string {
  return `<input${renderAttributes({ type: 'hidden', name, value })}>`
}

/** Attributes with an id, unless they name their own (or drop it with id: null). */
export function withId (attributes: Attributes, id: string): Attributes {
  return 'id' in attributes ? attributes : { ...attributes, id }
}

/** A value the caller did not give: the field may then be filled from old input. */
export function isBlank (value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

export function toList (value: unknown): string[] {
  if (value === null || value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map(String)
}

/**
 * The <option>s of a select: options as { value: label }, [value, ...] or
 * [{ value, label }, ...]; `chosen` are the selected values; an empty option, when given,
 * comes first with the value ''.
 */
export function optionsHtml (options: unknown, chosen: string[], emptyOption: unknown): string {
  const items = optionList(options)
  if (!isBlank(emptyOption)) items.unshift({ value: '', label: emptyOption })
  return items.map(({ value, label }) =>
    `<option${renderAttributes({ value, selected: chosen.includes(String(value)) })}>${escapeHtml(label)}</option>`).join('')
}

function optionList (options: unknown): Array<{ value: unknown, label: unknown }> {
  if (Array.isArray(options)) {
    return options.map((option) => option !== null && typeof option === 'object'
      ? { value: (option as Attributes).value, label: (option as Attributes).label ?? (option as Attributes).value }
      : { value: option, label: option })
  }
  if (options !== null && typeof options === 'object') {
    return Object.entries(options).map(([value, label]) => ({ value, label }))
  }
  return []
}

/** The numbers from start up to end, end left out, counting down when end is lower: 1, 4 is 1 2 3; 3, 0 is 3 2 1 (as AdonisJs 3 counted). */
export function rangeOf (call: string, start: unknown, end: unknown): number[] {
  const from = Number(start)
  const to = Number(end)
  if (start === null || end === null || !Number.isFinite(from) || !Number.isFinite(to)) {
    throw E_INVALID_VIEW_HELPER(call, 'start and end must be numbers, such as selectRange(\'size\', 36, 47)')
  }
  const count = Math.ceil(Math.abs(to - from))
  if (count > MAX_RANGE_OPTIONS) throw E_INVALID_VIEW_HELPER(call, `${count} options is more than ${MAX_RANGE_OPTIONS}: narrow the range`)
  const step = to >= from ? 1 : -1
  return Array.from({ length: count }, (_, index) => from + index * step)
}
