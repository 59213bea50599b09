import { testClient, type AppClient } from 'adonis-lite/testing'
import { viewFile } from '../../framework/view/view_loader'
import { fixture } from '../helpers/apps'
import { inner, text } from '../helpers/html'

describe('View | names as AdonisJs 3 wrote them', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(fixture('views_app')) })
  afterAll(() => app.close())
  const render = (view: string, extra = '') => app.get(`/render?view=${encodeURIComponent(view)}${extra}`, { headers: { accept: 'application/json' } })

  it("extends 'layouts.master' and includes 'partials.nav' by dotted name, with no extension", async () => {
    const page = await render('pages.home', '&who=ann')
    expect(page.status).toBe(200)
    expect(text(page.text, 'nav')).toBe('Home for ann')
    expect(text(page.text, 'heading')).toBe('Hello ann')
    expect(page.text).toContain('<title>Shop &lt;&amp;&gt;</title>')
  })

  it("takes 'x.y.njk' as x/y.njk, in extends, include and the page's own name", async () => {
    for (const name of ['pages.dotted', 'pages.dotted.njk', 'pages/dotted', 'pages/dotted.njk']) {
      const page = await render(name)
      expect(page.status).toBe(200)
      expect(text(page.text, 'dotted')).toBe('2017 Shop <&>')
      expect(text(page.text, 'nav')).toBe('Home for nobody')
    }
  })

  it("includes '../partials/nav' and './leaf' from the folder of the including view", async () => {
    const page = await render('nested.internal', '&who=bob')
    expect(page.status).toBe(200)
    expect(text(page.text, 'relative')).toBe('Home for bob')
    expect(text(page.text, 'sibling')).toBe('leaf')
  })

  it('refuses names that would leave resources/views, and never shows what lies outside it', async () => {
    for (const name of ['../secret', '..', 'pages/../../secret', '/etc/passwd', '..\\secret', '.secret', 'pages..home', 'C:/secret']) {
      const answer = await render(name)
      expect(answer.status).toBe(500)
      expect(answer.json().code).toBe('E_INVALID_VIEW_NAME')
      expect(answer.text).not.toContain('TOP SECRET')
    }
  })

  it('refuses a relative include that climbs out of resources/views', async () => {
    const answer = await render('nested.escape')
    expect(answer.status).toBe(500)
    expect(answer.json().message).toContain('View name "../secret" is not a view inside resources/views')
    expect(answer.text).not.toContain('TOP SECRET')
  })

  it('names the file to create when an included view is missing', async () => {
    const answer = await render('pages.with_missing')
    expect(answer.status).toBe(500)
    expect(answer.json()).toMatchObject({ code: 'E_VIEW_NOT_FOUND' })
    expect(answer.json().message).toContain('resources/views/partials/nowhere.njk')
  })

  it('gives each of several concurrent renders of one layout its own request values', async () => {
    const pages = await Promise.all(['ann', 'bob', 'cy'].map((who) => render('pages.home', `&who=${who}`)))
    expect(pages.map((page) => inner(page.text, 'heading'))).toEqual(['Hello ann', 'Hello bob', 'Hello cy'])
  })
})

describe('View | viewFile', () => {
  it('maps dots and slashes to folders and keeps a final .njk as the extension', () => {
    expect(viewFile('welcome')).toBe('welcome.njk')
    expect(viewFile('layouts.master')).toBe('layouts/master.njk')
    expect(viewFile('layouts/master')).toBe('layouts/master.njk')
    expect(viewFile('layouts.master.njk')).toBe('layouts/master.njk')
    expect(viewFile('layout.njk')).toBe('layout.njk')
    expect(viewFile('admin/users.index')).toBe('admin/users/index.njk')
  })

  it('refuses parent folders, absolute paths, backslashes, NUL bytes and empty folder names', () => {
    for (const name of ['..', '../x', 'a/../../x', 'a..b', '/etc/passwd', 'C:\\x', 'C:/x', 'a\\b', 'a\0b', '', '.', './x', 'a//b', 'a.', '.njk']) {
      expect(() => viewFile(name)).toThrow(expect.objectContaining({ code: 'E_INVALID_VIEW_NAME' }))
    }
  })
})
