import nunjucks from 'nunjucks'
import { Router } from '../../framework/routing/router'
import type { Verb } from '../../framework/routing/types'
import { Form } from '../../framework/view/form'
import { MAX_RANGE_OPTIONS } from '../../framework/view/form_html'

function routerWith (routes: Array<[Verb, string, string, string | null]>): Router {
  const router = new Router()
  for (const [verb, pattern, handler, name] of routes) router.add({ methods: [verb], pattern, handler, name, middleware: [], payload: null })
  return router
}

const router = routerWith([
  ['DELETE', '/users/:id', 'UserController.destroy', 'users.destroy'],
  ['GET', '/users', 'UserController.index', 'users'],
  ['PATCH', '/users/:id', 'UserController.update', null],
])

function formWith (old: Record<string, unknown> = {}, token: string | null = 'tok'): Form {
  return new Form({ router, old: (key, fallback = null) => key in old ? old[key] : fallback, csrfToken: () => token })
}

const html = (value: { toString (): string }) => value.toString()

describe('View | form helper, unit', () => {
  describe('open()', () => {
    it.each([
      ['a route name gives its verb', { route: 'users.destroy', params: { id: 1 } }, 'POST', '/users/1', 'DELETE'],
      ['an action gives its verb', { action: 'UserController.update', params: { id: 2 } }, 'POST', '/users/2', 'PATCH'],
      ["method: 'Controller.method' is an action", { method: 'UserController.update', params: { id: 3 } }, 'POST', '/users/3', 'PATCH'],
      ['a verb given wins over the route', { route: 'users.destroy', params: { id: 4 }, method: 'put' }, 'POST', '/users/4', 'PUT'],
      ['a GET route gives a GET form', { route: 'users' }, 'GET', '/users', null],
      ['a url with no verb posts', { url: '/x' }, 'POST', '/x', null],
      ['nothing at all posts to the page itself', {}, 'POST', '', null],
    ])('%s', (_, options, method, action, spoofed) => {
      const tag = html(formWith().open(options))
      expect(tag).toContain(`<form method="${method}" action="${action}" enctype="application/x-www-form-urlencoded">`)
      if (spoofed) expect(tag).toContain(`<input type="hidden" name="_method" value="${spoofed}">`)
      else expect(tag).not.toContain('_method')
      expect(tag.includes('name="_csrf"')).toBe(method !== 'GET')
    })

    it('writes no CSRF field when Shield is off', () => {
      expect(html(formWith({}, null).open({ url: '/x' }))).toBe('<form method="POST" action="/x" enctype="application/x-www-form-urlencoded">')
    })

    it('fails with the router\'s error for a route that does not exist', () => {
      expect(() => formWith().open({ route: 'nope' })).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_ROUTE' }))
    })
  })

  describe('values and old input', () => {
    it('fills a field given no value, null or \'\' from old input, and keeps a value given, even 0', () => {
      const form = formWith({ age: '41' })
      for (const given of [undefined, null, '']) expect(html(form.number('age', given))).toContain('value="41"')
      expect(html(form.number('age', 0))).toContain('value="0"')
      expect(html(form.number('other'))).toBe('<input type="number" name="other" id="other">')
    })

    it('leaves old input out with avoidOld, which is not written as an attribute', () => {
      expect(html(formWith({ q: 'x' }).search('q', null, { avoidOld: true }))).toBe('<input type="search" name="q" id="q">')
    })

    it('checks a checkbox whose value is among the old values, unless checked is given', () => {
      const form = formWith({ tags: ['a', 'c'] })
      expect(html(form.checkbox('tags', 'a'))).toContain(' checked')
      expect(html(form.checkbox('tags', 'b'))).not.toContain('checked')
      expect(html(form.checkbox('tags', 'a', false))).not.toContain('checked')
      expect(html(form.checkbox('tags', 'a', null, { avoidOld: true }))).not.toContain('checked')
    })

    it('selects old values when none are given', () => {
      expect(html(formWith({ size: 'm' }).select('size', ['s', 'm']))).toContain('<option value="m" selected>')
    })
  })

  describe('select() and selectRange()', () => {
    it('refuses attributes in the place of the empty option, saying where they go', () => {
      expect(() => formWith().select('size', ['s'], null, { class: 'x' } as unknown as string))
        .toThrow('attributes come fifth: select(name, options, selected, emptyOption, attributes)')
    })

    it('counts by one from start, as AdonisJs 3 did, and an empty range has no options', () => {
      expect(html(formWith().selectRange('n', 1.5, 4))).toContain('<option value="1.5">1.5</option><option value="2.5">2.5</option><option value="3.5">3.5</option></select>')
      expect(html(formWith().selectRange('n', 2, 2))).toBe('<select name="n" id="n"></select>')
      expect(html(formWith().selectRange('n', '1', '3'))).toContain('<option value="2">2</option></select>')
    })

    it(`refuses a range that is not numbers or holds more than ${MAX_RANGE_OPTIONS} options`, () => {
      for (const [start, end] of [[1, Infinity], [null, 3], ['a', 3], [undefined, 3]]) {
        expect(() => formWith().selectRange('n', start, end)).toThrow(expect.objectContaining({ code: 'E_INVALID_VIEW_HELPER' }))
      }
      expect(() => formWith().selectRange('n', 0, 1e9)).toThrow(`1000000000 options is more than ${MAX_RANGE_OPTIONS}`)
      expect(() => formWith().selectRange('n', 0, MAX_RANGE_OPTIONS)).not.toThrow()
    })
  })

  describe('text between tags', () => {
    it('escapes label and button text unless the template marked it safe', () => {
      const form = formWith()
      expect(html(form.label('name', '<b>Name</b>'))).toBe('<label for="name">&lt;b&gt;Name&lt;/b&gt;</label>')
      expect(html(form.label('name', new nunjucks.runtime.SafeString('<b>Name</b>')))).toBe('<label for="name"><b>Name</b></label>')
      expect(html(form.label('name'))).toBe('<label for="name">name</label>')
      expect(html(form.button(new nunjucks.runtime.SafeString('<i>Go</i>')))).toBe('<button type="submit" name="submit" value="&lt;i&gt;Go&lt;/i&gt;" id="submit"><i>Go</i></button>')
    })

    it('always escapes a textarea, whatever marks its value', () => {
      expect(html(formWith().textarea('bio', new nunjucks.runtime.SafeString('</textarea><script>')))).toBe('<textarea name="bio" id="bio">&lt;/textarea&gt;&lt;script&gt;</textarea>')
    })
  })
})
