import co from 'co'
import nunjucks from 'nunjucks'
import { Validator, type HandlerGenerator } from 'adonis-lite'
import { getPath } from '../../framework/support/object_path'

/**
 * The seed's sign-up flow, up to the flash: a generator controller validates request.all(),
 * flashes the input with the errors, and the next page's view lists them. The flash store
 * here is a stand-in (a JSON round trip, as a session does); the HTTP round trip is tested
 * with the Flash middleware.
 */
const rules = { email: 'required|email', password: 'required|min:6', age: 'integer|between:18,120' }

const signupView = `<ul class="errors">{% for error in old('errors') %}<li data-field="{{ error.field }}">{{ error.message }}</li>{% endfor %}</ul>
<input name="email" value="{{ old('email') }}">
<p class="first">{{ old('errors.0.message') }}</p>`

class FakeRequest {
  flashed: Record<string, unknown> = {}
  constructor (private readonly input: Record<string, unknown>) {}
  all () { return { ...this.input } }
  withAll () {
    const pending: Record<string, unknown> = this.all()
    const chain = {
      andWith: (values: Record<string, unknown>) => Object.assign(pending, values) && chain,
      flash: () => { this.flashed = JSON.parse(JSON.stringify(pending)); return Promise.resolve() },
    }
    return chain
  }
}

class UserController {
  * signup (request: FakeRequest, response: { redirect (to: string): void }): HandlerGenerator {
    const validation = yield Validator.validate(rules, request.all())
    if (validation.fails()) {
      yield request.withAll().andWith({ errors: validation.messages() }).flash()
      return response.redirect('back')
    }
    return response.redirect('/welcome')
  }
}

function render (flashed: Record<string, unknown>): string {
  const env = new nunjucks.Environment(undefined, { autoescape: true })
  const old = (key: string, fallback: unknown = '') => getPath(flashed, key) ?? fallback
  return env.renderString(signupView, { old })
}

async function submit (input: Record<string, unknown>) {
  const request = new FakeRequest(input)
  let redirectedTo = ''
  await co(() => new UserController().signup(request, { redirect: (to) => { redirectedTo = to } }))
  return { request, redirectedTo }
}

describe('Validator | the sign-up flow', () => {
  it('flashes the errors and the view lists their messages, in field order', async () => {
    const { request, redirectedTo } = await submit({ password: '123', age: '12', email: '' })
    expect(redirectedTo).toBe('back')
    const html = render(request.flashed)
    const listed = [...html.matchAll(/<li data-field="([^"]+)">([^<]+)<\/li>/g)].map((match) => [match[1], match[2]])
    expect(listed).toEqual([
      ['email', 'The email field is required.'],
      ['password', 'The password field must be at least 6 characters.'],
      ['age', 'The age field must be between 18 and 120.'],
    ])
    expect(html).toContain('<p class="first">The email field is required.</p>')
  })

  it('keeps the input for the form, escaped by the view', async () => {
    const { request } = await submit({ email: '"><b>x', password: 'secret' })
    const html = render(request.flashed)
    expect(html).toContain('value="&quot;&gt;&lt;b&gt;x"')
    expect(html).toContain('<li data-field="email">The email field must be a valid email address.</li>')
    expect(html).not.toContain('data-field="password"')
  })

  it('lets a valid sign-up through', async () => {
    const { request, redirectedTo } = await submit({ email: 'someone@example.com', password: 'secret', age: '30' })
    expect(redirectedTo).toBe('/welcome')
    expect(request.flashed).toEqual({})
    expect(render(request.flashed)).toContain('<ul class="errors"></ul>')
  })

  it('works the same with validateAll and await', async () => {
    const validation = await Validator.validateAll({ ...rules, password: 'required|min:6|alpha_numeric' }, { email: 'a@b.co', password: 'a b' })
    const html = render({ errors: validation.messages() })
    expect(html).toContain('<li data-field="password">The password field must be at least 6 characters.</li>' +
      '<li data-field="password">The password field may only contain letters and numbers.</li>')
  })
})
