/**
 * `form` in views: HTML form fields with every value and attribute escaped. A field given no
 * value is filled from old(name), so a form that comes back after a failed validation keeps
 * what the user typed (never the password or a file). It knows nothing of sessions: the
 * render context hands it old(), the CSRF token and the router.
 */
import nunjucks from 'nunjucks'
import type { Router } from '../routing/router'
import { escapeHtml } from './escape'

type Attributes = Record<string, unknown>
type Html = nunjucks.runtime.SafeString

export interface FormContext {
  router: Router
  old (key: string, defaultValue?: unknown): unknown
  /** The CSRF token when Shield is on, else null. */
  csrfToken (): string | null
}

/** Options of form.open() that are not HTML attributes. */
const OPEN_OPTIONS = new Set(['url', 'route', 'action', 'method', 'params', 'files'])
const SPOOFED = new Set(['PUT', 'PATCH', 'DELETE'])
const VERB = /^(GET|POST|PUT|PATCH|DELETE)$/i

export class Form {
  readonly #context: FormContext

  constructor (context: FormContext) {
    this.#context = context
  }

  /**
   * `<form>`: { url }, { route: 'name', params }, { action: 'Controller.method', params }, or
   * { method: 'Controller.method' } (the route of that action, with its verb); `method` may
   * also be a verb. PUT, PATCH and DELETE are sent as POST with _method; files: true makes it
   * multipart. Other keys are HTML attributes.
   */
  open (options: Attributes = {}): Html {
    const { url, verb } = this.#target(options)
    const formMethod = verb === 'GET' ? 'GET' : 'POST'
    const attributes: Attributes = { method: formMethod, action: url }
    if (options.files) attributes.enctype = 'multipart/form-data'
    for (const [key, value] of Object.entries(options)) if (!OPEN_OPTIONS.has(key)) attributes[key] = value
    let html = `<form${renderAttributes(attributes)}>`
    if (SPOOFED.has(verb)) html += hiddenInput('_method', verb)
    const token = verb === 'GET' ? null : this.#context.csrfToken()
    if (token !== null) html += hiddenInput('_csrf', token)
    return safe(html)
  }

  close (): Html {
    return safe('</form>')
  }

  text (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('text', name, value, attributes) }
  email (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('email', name, value, attributes) }
  number (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('number', name, value, attributes) }
  date (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('date', name, value, attributes) }
  url (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('url', name, value, attributes) }
  search (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('search', name, value, attributes) }
  hidden (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('hidden', name, value, attributes) }

  /** Never filled from old(): a password is not sent back unless given explicitly. */
  password (name: string, value?: unknown, attributes?: Attributes): Html {
    return safe(`<input${renderAttributes({ type: 'password', name, id: name, value: value ?? undefined, ...attributes })}>`)
  }

  file (name: string, attributes?: Attributes): Html {
    return safe(`<input${renderAttributes({ type: 'file', name, id: name, ...attributes })}>`)
  }

  textarea (name: string, value?: unknown, attributes?: Attributes): Html {
    const content = this.#valueOf(name, value)
    return safe(`<textarea${renderAttributes({ name, id: name, ...attributes })}>${escapeHtml(content ?? '')}</textarea>`)
  }

  /**
   * `<select>`: options as { value: label }, [value, ...] or [{ value, label }, ...]; selected
   * as a value or a list of values (with multiple), else old(name).
   */
  select (name: string, options: unknown, selected?: unknown, attributes?: Attributes): Html {
    const chosen = toList(this.#valueOf(name, selected))
    const items = optionList(options).map(({ value, label }) =>
      `<option${renderAttributes({ value, selected: chosen.includes(String(value)) })}>${escapeHtml(label)}</option>`)
    return safe(`<select${renderAttributes({ name, id: name, ...attributes })}>${items.join('')}</select>`)
  }

  /** A checkbox, checked when told so, or when old(name) holds its value. */
  checkbox (name: string, value: unknown = '1', checked?: boolean | null, attributes?: Attributes): Html {
    return this.#checkable('checkbox', name, value, checked, { id: name, ...attributes })
  }

  /** A radio button, checked when told so, or when old(name) is its value. */
  radio (name: string, value: unknown, checked?: boolean | null, attributes?: Attributes): Html {
    return this.#checkable('radio', name, value, checked, attributes)
  }

  label (name: string, text?: unknown, attributes?: Attributes): Html {
    return safe(`<label${renderAttributes({ for: name, ...attributes })}>${escapeHtml(text ?? name)}</label>`)
  }

  submit (value: unknown = 'Submit', name?: string, attributes?: Attributes): Html {
    return safe(`<input${renderAttributes({ type: 'submit', value, name, ...attributes })}>`)
  }

  button (text: unknown = 'Submit', name?: string, attributes?: Attributes): Html {
    return safe(`<button${renderAttributes({ type: 'submit', name, ...attributes })}>${escapeHtml(text)}</button>`)
  }

  #input (type: string, name: string, value: unknown, attributes?: Attributes): Html {
    return safe(`<input${renderAttributes({ type, name, id: type === 'hidden' ? undefined : name, value: this.#valueOf(name, value) ?? '', ...attributes })}>`)
  }

  #checkable (type: string, name: string, value: unknown, checked: boolean | null | undefined, attributes?: Attributes): Html {
    const isChecked = checked ?? toList(this.#context.old(name, null)).includes(String(value))
    return safe(`<input${renderAttributes({ type, name, value, checked: isChecked, ...attributes })}>`)
  }

  /** The given value, or the flashed one when none is given. */
  #valueOf (name: string, value: unknown): unknown {
    return value === undefined || value === null ? this.#context.old(name, null) : value
  }

  #target (options: Attributes): { url: string, verb: string } {
    const method = typeof options.method === 'string' ? options.method : undefined
    const params = (options.params ?? {}) as Record<string, unknown>
    const { router } = this.#context
    const handler = typeof options.action === 'string' ? options.action : method && !VERB.test(method) ? method : undefined
    if (handler !== undefined) return { url: router.url(handler, params), verb: this.#verbOf(handler, method) }
    const verb = method && VERB.test(method) ? method.toUpperCase() : 'POST'
    if (typeof options.route === 'string') return { url: router.url(options.route, params), verb }
    return { url: typeof options.url === 'string' ? options.url : '', verb }
  }

  /** The verb of the route an action names ('UserController.signup' -> POST), unless a verb was given. */
  #verbOf (handler: string, method: string | undefined): string {
    if (method && VERB.test(method)) return method.toUpperCase()
    const route = this.#context.router.find(handler)
    return route?.methods[0] ?? 'POST'
  }
}

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

function hiddenInput (name: string, value: string): string {
  return `<input${renderAttributes({ type: 'hidden', name, value })}>`
}

function safe (html: string): Html {
  return new nunjucks.runtime.SafeString(html)
}

function toList (value: unknown): string[] {
  if (value === null || value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map(String)
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
