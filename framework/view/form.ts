/**
 * `form` in views, with AdonisJs 3's helpers and arguments, every value and attribute
 * escaped. A field given no value (or '') is filled from old(name), so a form that comes back
 * after a failed validation keeps what the user typed; { avoidOld: true } turns that off for
 * one field. A password or file is never filled. It knows nothing of sessions: the render
 * context hands it old(), the CSRF token and the router.
 */
import type { Router } from '../routing/router'
import { E_INVALID_VIEW_HELPER } from '../errors'
import { escapeHtml } from './escape'
import {
  contentOf, hiddenInput, isBlank, optionsHtml, rangeOf, renderAttributes, safe, toList, withId,
  type Attributes, type Html,
} from './form_html'

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
   * { method: 'Controller.method' }. A route or action gives its verb unless `method` names
   * one; PUT, PATCH and DELETE are sent as POST with a _method field. files: true makes it
   * multipart. Other keys are HTML attributes.
   */
  open (options: Attributes = {}): Html {
    const { url, verb } = this.#target(options)
    const enctype = options.files ? 'multipart/form-data' : 'application/x-www-form-urlencoded'
    const attributes: Attributes = { method: verb === 'GET' ? 'GET' : 'POST', action: url, enctype }
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
  color (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('color', name, value, attributes) }
  url (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('url', name, value, attributes) }
  search (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('search', name, value, attributes) }
  hidden (name: string, value?: unknown, attributes?: Attributes): Html { return this.#input('hidden', name, value, attributes) }

  /** Never filled from old(): a password goes back into a page only when the view passes it. */
  password (name: string, value?: unknown, attributes?: Attributes): Html {
    return this.#input('password', name, value, { ...attributes, avoidOld: true })
  }

  file (name: string, attributes?: Attributes): Html {
    return this.#input('file', name, undefined, { ...attributes, avoidOld: true })
  }

  textarea (name: string, value?: unknown, attributes?: Attributes): Html {
    const { avoidOld, ...rest } = attributes ?? {}
    const content = this.#valueOf(name, value, avoidOld)
    return safe(`<textarea${renderAttributes(withId({ name, ...rest }, name))}>${isBlank(content) ? '' : escapeHtml(content)}</textarea>`)
  }

  /**
   * `<select>` with options as { value: label }, [value, ...] or [{ value, label }, ...];
   * selected as a value or a list of values (with multiple), else old(name); emptyOption, when
   * given, is the label of a first option whose value is ''.
   */
  select (name: string, options: unknown, selected?: unknown, emptyOption?: unknown, attributes?: Attributes): Html {
    if (emptyOption !== null && typeof emptyOption === 'object') {
      throw E_INVALID_VIEW_HELPER(`form.select('${name}', ...)`, 'the fourth argument is the label of the empty first option (or null); ' +
        'attributes come fifth: select(name, options, selected, emptyOption, attributes)')
    }
    const { avoidOld, ...rest } = attributes ?? {}
    const chosen = toList(this.#valueOf(name, selected, avoidOld))
    return safe(`<select${renderAttributes(withId({ name, ...rest }, name))}>${optionsHtml(options, chosen, emptyOption)}</select>`)
  }

  /** A select of the numbers from start up to end (end left out): selectRange('size', 36, 47, 40, 'Pick a size'). */
  selectRange (name: string, start: unknown, end: unknown, selected?: unknown, emptyOption?: unknown, attributes?: Attributes): Html {
    return this.select(name, rangeOf(`form.selectRange('${name}', ...)`, start, end), selected, emptyOption, attributes)
  }

  /** A checkbox, checked when told so, or (when checked is not given) when old(name) holds its value. */
  checkbox (name: string, value: unknown = '1', checked?: boolean | null, attributes?: Attributes): Html {
    return this.#checkable('checkbox', name, value, checked, attributes)
  }

  /** A radio button, checked when told so, or (when checked is not given) when old(name) is its value. */
  radio (name: string, value: unknown, checked?: boolean | null, attributes?: Attributes): Html {
    return this.#checkable('radio', name, value, checked, attributes)
  }

  /** `<label for="name">`; the text is escaped unless marked safe, and is the name when not given. */
  label (name: string, text?: unknown, attributes?: Attributes): Html {
    return safe(`<label${renderAttributes({ for: name, ...attributes })}>${contentOf(isBlank(text) ? name : text)}</label>`)
  }

  /** `<input type="submit">` named 'submit' unless a name is given, as in AdonisJs 3. */
  submit (value?: unknown, name?: string | null, attributes?: Attributes): Html {
    const field = name || 'submit'
    return safe(`<input${renderAttributes(withId({ type: 'submit', name: field, value, ...attributes }, field))}>`)
  }

  /** `<button>` of the given type (attributes.type, submit by default), named after its type unless a name is given. */
  button (text?: unknown, name?: string | null, attributes?: Attributes): Html {
    const { type = 'submit', ...rest } = attributes ?? {}
    const field = name || String(type)
    const html = renderAttributes(withId({ type, name: field, value: text, ...rest }, field))
    return safe(`<button${html}>${isBlank(text) ? '' : contentOf(text)}</button>`)
  }

  /** `<button type="reset">`, named 'reset' unless a name is given. */
  resetButton (text?: unknown, name?: string | null, attributes?: Attributes): Html {
    return this.button(text, name, { ...attributes, type: 'reset' })
  }

  #input (type: string, name: string, value: unknown, attributes?: Attributes): Html {
    const { avoidOld, ...rest } = attributes ?? {}
    const filled = this.#valueOf(name, value, avoidOld)
    return safe(`<input${renderAttributes(withId({ type, name, value: isBlank(filled) ? undefined : filled, ...rest }, name))}>`)
  }

  #checkable (type: string, name: string, value: unknown, checked: boolean | null | undefined, attributes?: Attributes): Html {
    const { avoidOld, ...rest } = attributes ?? {}
    const isChecked = checked ?? (!avoidOld && toList(this.#context.old(name, null)).includes(String(value)))
    return safe(`<input${renderAttributes(withId({ type, name, value, checked: Boolean(isChecked), ...rest }, name))}>`)
  }

  /** The given value, or the flashed one when none (or '') is given and avoidOld is not set. */
  #valueOf (name: string, value: unknown, avoidOld: unknown): unknown {
    return isBlank(value) && !avoidOld ? this.#context.old(name, null) : value
  }

  #target (options: Attributes): { url: string, verb: string } {
    const method = typeof options.method === 'string' ? options.method : undefined
    const verb = method !== undefined && VERB.test(method) ? method.toUpperCase() : undefined
    const params = (options.params ?? {}) as Record<string, unknown>
    const { router } = this.#context
    // { method: 'Controller.method' } names an action, as { action } does.
    const handler = typeof options.action === 'string' ? options.action : verb === undefined ? method : undefined
    const identifier = handler ?? (typeof options.route === 'string' ? options.route : undefined)
    if (identifier !== undefined) return { url: router.url(identifier, params), verb: verb ?? this.#verbOf(identifier) }
    return { url: typeof options.url === 'string' ? options.url : '', verb: verb ?? 'POST' }
  }

  /** The verb of a named route or of an action's route ('UserController.destroy' -> DELETE). */
  #verbOf (identifier: string): string {
    const verb = this.#context.router.find(identifier)?.methods[0]
    return verb !== undefined && VERB.test(verb) ? verb : 'POST'
  }
}
