import { testClient, type AppClient, type TestClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'
import { csrfOf, inner, tags } from '../helpers/html'

describe('View | form helper', () => {
  let app: AppClient
  let page: string
  const XSS = '"><script>alert(1)</script>'
  beforeAll(async () => {
    app = await testClient(fixture('flash_app'))
    page = (await app.get(`/form?value=${encodeURIComponent(XSS)}`)).text
  })
  afterAll(() => app.close())
  const first = (id: string, tag: string) => tags(inner(page, id), tag)[0]!

  it("opens a form for { method: 'Controller.method' } on that route, with its verb and the CSRF field", () => {
    expect(first('w-open', 'form')).toEqual({ method: 'POST', action: '/things', enctype: 'application/x-www-form-urlencoded' })
    expect(first('w-open', 'input')).toMatchObject({ type: 'hidden', name: '_csrf' })
  })

  it('spoofs PUT and DELETE through _method, keeps attributes and escapes them', () => {
    expect(first('w-open-put', 'form')).toMatchObject({ method: 'POST', action: '/things/5', class: 'edit', 'data-x': XSS })
    expect(tags(inner(page, 'w-open-put'), 'input')[0]).toEqual({ type: 'hidden', name: '_method', value: 'PUT' })
    expect(tags(inner(page, 'w-open-delete'), 'input')[0]).toEqual({ type: 'hidden', name: '_method', value: 'DELETE' })
    expect(first('w-open-update', 'form')).toMatchObject({ method: 'POST', action: '/things/6' })
    expect(tags(inner(page, 'w-open-update'), 'input')[0]).toEqual({ type: 'hidden', name: '_method', value: 'PUT' })
  })

  it('opens GET forms for a named route without a CSRF field', () => {
    expect(first('w-open-route', 'form')).toMatchObject({ method: 'GET', action: '/things/5' })
    expect(tags(inner(page, 'w-open-route'), 'input')).toEqual([])
  })

  it('makes multipart forms with files: true', () => {
    expect(first('w-open-url', 'form')).toEqual({ method: 'POST', action: '/upload', enctype: 'multipart/form-data' })
  })

  it('renders each field type', () => {
    expect(first('w-text', 'input')).toEqual({ type: 'text', name: 'email', id: 'email' })
    expect(first('w-password', 'input')).toEqual({ type: 'password', name: 'password', id: 'password' })
    for (const [id, type, name] of [['email', 'email', 'address'], ['number', 'number', 'age'], ['date', 'date', 'born'], ['url', 'url', 'site'], ['search', 'search', 'q']]) {
      expect(first(`w-${id}`, 'input')).toMatchObject({ type, name })
    }
    expect(first('w-hidden', 'input')).toEqual({ type: 'hidden', name: 'token', value: 'abc', id: 'token' })
    expect(inner(page, 'w-textarea')).toBe('<textarea name="bio" id="bio"></textarea>')
    expect(inner(page, 'w-select')).toBe('<select name="color" id="color"><option value="red">Red</option><option value="blue">Blue &lt;b&gt;</option></select>')
    expect(inner(page, 'w-select-list')).toBe('<select name="size" id="size"><option value="s">s</option><option value="m" selected>m</option></select>')
    expect(first('w-checkbox', 'input')).toEqual({ type: 'checkbox', name: 'terms', value: 'yes', id: 'terms' })
    expect(first('w-radio-a', 'input')).toEqual({ type: 'radio', name: 'plan', value: 'a', id: 'plan' })
    expect(first('w-file', 'input')).toEqual({ type: 'file', name: 'avatar', id: 'avatar' })
    expect(inner(page, 'w-label')).toBe('<label for="email">Your &quot;email&quot;</label>')
    expect(first('w-submit', 'input')).toEqual({ type: 'submit', name: 'submit', value: 'Send', id: 'submit' })
    expect(inner(page, 'w-button')).toBe('<button type="submit" name="submit" value="Go &lt;now&gt;" id="submit">Go &lt;now&gt;</button>')
    expect(inner(page, 'w-close')).toBe('</form>')
    expect(first('w-csrf', 'input')).toMatchObject({ type: 'hidden', name: '_csrf' })
  })

  it('escapes every value and attribute', () => {
    expect(inner(page, 'w-text-value')).not.toContain('<script>')
    expect(first('w-text-value', 'input')).toEqual({ type: 'text', name: 'email', id: 'email', value: XSS, class: XSS })
    expect(page).not.toMatch(/<script>alert/)
  })

  it('fills fields from old input, except passwords and files', async () => {
    const client: TestClient = app.newClient()
    const token = csrfOf((await client.get('/form')).text)
    await client.post('/flash/with-all', { email: 'ann@example.com', password: 'secret', bio: 'Hi <there>', color: 'blue', terms: 'yes', plan: 'b', avatar: 'x', _csrf: token })
    const filled = (await client.get('/form')).text
    const field = (id: string, tag: string) => tags(inner(filled, id), tag)[0]!
    expect(field('w-text', 'input').value).toBe('ann@example.com')
    expect(field('w-password', 'input').value).toBeUndefined()
    expect(field('w-file', 'input').value).toBeUndefined()
    expect(inner(filled, 'w-textarea')).toBe('<textarea name="bio" id="bio">Hi &lt;there&gt;</textarea>')
    expect(inner(filled, 'w-select')).toContain('<option value="blue" selected>')
    expect(field('w-checkbox', 'input').checked).toBe('')
    expect(field('w-radio-a', 'input').checked).toBeUndefined()
    expect(field('w-radio-b', 'input').checked).toBe('')
  })
})
