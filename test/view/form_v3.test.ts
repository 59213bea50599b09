import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'
import { csrfOf, inner, tags } from '../helpers/html'

describe('View | form helper as AdonisJs 3 rendered it', () => {
  let app: AppClient
  let page: string
  const XSS = '"><script>alert(1)</script>'
  beforeAll(async () => {
    app = await testClient(fixture('views_app'))
    page = (await app.get(`/form?value=${encodeURIComponent(XSS)}`)).text
  })
  afterAll(() => app.close())
  const all = (id: string, tag: string) => tags(inner(page, id), tag)
  const first = (id: string, tag: string) => all(id, tag)[0]!

  it('form.open({ route }) takes the verb of the named route: a delete form gets its _method field', () => {
    expect(first('open-route-delete', 'form')).toEqual({ method: 'POST', action: '/profile/3', enctype: 'application/x-www-form-urlencoded' })
    expect(all('open-route-delete', 'input').map(({ name, value }) => [name, name === '_csrf' ? 'token' : value]))
      .toEqual([['_method', 'DELETE'], ['_csrf', 'token']])
  })

  it('a delete form opened by route name reaches its route instead of a 405', async () => {
    const client: TestClient = app.newClient()
    const form = (await client.get('/form')).text
    const fields = Object.fromEntries(tags(inner(form, 'open-route-delete'), 'input').map(({ name, value }) => [name, value]))
    const answer = await client.post(tags(inner(form, 'open-route-delete'), 'form')[0]!.action!, fields)
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual({ destroyed: '3', method: 'DELETE' })
  })

  it('form.open({ action }) takes the verb of the action, and a GET route opens a GET form without CSRF field', () => {
    expect(all('open-action-put', 'input')[0]).toEqual({ type: 'hidden', name: '_method', value: 'PUT' })
    expect(first('open-action-put', 'form').action).toBe('/profile/4')
    expect(first('open-route-get', 'form')).toEqual({ method: 'GET', action: '/users', enctype: 'application/x-www-form-urlencoded', class: 'search' })
    expect(all('open-route-get', 'input')).toEqual([])
  })

  it('a verb given to form.open() wins over the route, and any verb other than GET is posted', () => {
    expect(first('open-route-verb', 'form')).toMatchObject({ method: 'POST', action: '/profile/5' })
    expect(all('open-route-verb', 'input').map(({ name }) => name)).toEqual(['_csrf'])
    expect(first('open-url', 'form')).toMatchObject({ method: 'POST', action: '/profile/6', novalidate: '' })
    expect(all('open-url', 'input')[0]).toEqual({ type: 'hidden', name: '_method', value: 'PATCH' })
  })

  it('form.color() renders a color input', () => {
    expect(first('color', 'input')).toEqual({ type: 'color', name: 'theme', value: '#ffffff', id: 'theme' })
  })

  it('form.selectRange(name, start, end) lists start up to end, end left out, counting down when end is lower', () => {
    expect(all('range', 'option').map((option) => option.value)).toEqual(['1', '2', '3'])
    expect(first('range', 'select')).toEqual({ name: 'size', id: 'size' })
    expect(inner(page, 'range-down')).toBe('<select name="down" id="down"><option value="">Pick one</option>' +
      '<option value="3">3</option><option value="2" selected>2</option><option value="1">1</option></select>')
  })

  it('form.select(name, options, selected, emptyOption, attributes) puts the empty option first', () => {
    expect(inner(page, 'select')).toBe('<select name="country" class="big" id="country"><option value="">Select Country</option>' +
      '<option value="ind">India</option><option value="us" selected>Usa &lt;b&gt;</option></select>')
    expect(first('select-multiple', 'select')).toEqual({ name: 'langs', multiple: '', id: 'langs' })
    expect(all('select-multiple', 'option').filter((option) => 'selected' in option).map((option) => option.value)).toEqual(['js', 'go'])
    expect(all('select-number', 'option').find((option) => 'selected' in option)?.value).toBe('1')
  })

  it('hidden, radio and checkbox fields get an id from their name, unless told otherwise', () => {
    expect(first('hidden', 'input')).toEqual({ type: 'hidden', name: 'token', id: 'token' })
    expect(first('hidden-value', 'input')).toEqual({ type: 'hidden', name: 'ref', value: 'abc' })
    expect(first('radio', 'input')).toEqual({ type: 'radio', name: 'sex', value: 'male', id: 'sex' })
    expect(first('radio-checked', 'input')).toEqual({ type: 'radio', name: 'sex', value: 'female', checked: '', id: 'sex' })
    expect(first('checkbox', 'input')).toEqual({ type: 'checkbox', name: 'admin', value: 'yes', checked: '', id: 'admin' })
  })

  it("submit is named 'submit' with that id, unless given a name", () => {
    expect(first('submit', 'input')).toEqual({ type: 'submit', name: 'submit', value: 'Submit', id: 'submit' })
    expect(first('submit-named', 'input')).toEqual({ type: 'submit', name: 'create', value: 'Create Account', class: 'small', id: 'create' })
  })

  it('button and resetButton carry type, name, value and id as in AdonisJs 3', () => {
    expect(inner(page, 'button')).toBe('<button type="submit" name="submit" value="Submit" id="submit">Submit</button>')
    expect(inner(page, 'button-reset')).toBe('<button type="reset" name="clear" value="Clear Form" id="clear">Clear Form</button>')
    expect(inner(page, 'reset')).toBe('<button type="reset" name="reset" value="Clear Form" id="reset">Clear Form</button>')
    expect(inner(page, 'label')).toBe('<label for="email" class="flat">Enter your email address</label>')
  })

  it('escapes values, attributes and button text', () => {
    expect(inner(page, 'escaped')).not.toContain('<script>')
    expect(first('escaped', 'input')).toEqual({ type: 'text', name: 'q', value: XSS, 'data-x': XSS, id: 'q' })
    expect(first('escaped', 'button')).toMatchObject({ value: XSS })
  })

  it("fills fields from old input, also when given '', but not with avoidOld nor for a password", async () => {
    const client: TestClient = app.newClient()
    const token = csrfOf((await client.get('/form')).text)
    await client.post('/remember', { username: 'ann', bio: 'Hello', password: 'secret', _csrf: token })
    const filled = (await client.get('/form')).text
    const field = (id: string, tag: string) => tags(inner(filled, id), tag)[0]!
    expect(field('username', 'input').value).toBe('ann')
    expect(field('username-empty', 'input').value).toBe('ann')
    expect(field('username-avoid-old', 'input')).toEqual({ type: 'text', name: 'username', id: 'username' })
    expect(inner(filled, 'bio-avoid-old')).toBe('<textarea name="bio" id="bio"></textarea>')
    expect(field('password', 'input').value).toBeUndefined()
  })
})
