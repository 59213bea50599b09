import { boot } from 'adonis-lite'
import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture, removeApp, tempApp } from '../helpers/apps'
import { decode, inner, tags, text } from '../helpers/html'

describe('View | helpers AdonisJs 3 gave every view', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(fixture('views_app')) })
  afterAll(() => app.close())
  const helpers = async (who: string) => (await app.get(`/render?view=pages.helpers&who=${encodeURIComponent(who)}`)).text

  it('linkTo(route, text, params) writes an anchor to the named route, its text escaped', async () => {
    const page = await helpers('ann')
    expect(inner(page, 'link')).toBe('<a href="/profile/1">View &lt;profile&gt;</a>')
    expect(tags(inner(page, 'link-target'), 'a')[0]).toEqual({ href: '/users', target: '_blank' })
    expect(inner(page, 'link-safe')).toBe('<a href="/users"><b>All</b></a>')
    expect(inner(page, 'link-bare')).toBe('<a href="/users">/users</a>')
  })

  it('linkToAction(action, text, params) writes an anchor to the route of a controller action', async () => {
    expect(inner(await helpers('ann'), 'link-action')).toBe('<a href="/profile/2">Show</a>')
  })

  it('View.global() values and functions are seen by every view, escaped like any value', async () => {
    const page = await helpers('ann')
    expect(inner(page, 'global')).toBe('Shop &lt;&amp;&gt;')
    expect(text(page, 'global-fn')).toBe('2017')
  })

  it('View.filter() adds a filter, and an async filter makes the page wait for it', async () => {
    const [ann, bob] = await Promise.all([helpers('ann'), helpers('bob')])
    expect(text(ann, 'filter')).toBe('ANN')
    expect(text(ann, 'async-filter')).toBe('ann (later)')
    expect(text(bob, 'async-filter')).toBe('bob (later)')
  })

  it('the json filter writes JSON indented by 4, or by the width given, that cannot close a <script>', async () => {
    const page = (await app.get('/json')).text
    const profile = { name: 'virk', bio: '</script><script>alert(1)</script>' }
    expect(JSON.parse(decode(inner(page, 'json')))).toEqual(profile)
    expect(decode(inner(page, 'json'))).toBe(JSON.stringify(profile, null, 4).replace(/</g, '\\u003c').replace(/>/g, '\\u003e'))
    expect(decode(inner(page, 'json-2'))).toBe(JSON.stringify({ name: 'virk' }, null, 2))
    const script = inner(page, 'data')
    expect(script).not.toContain('</script>')
    expect(JSON.parse(script.replace('var profile = ', ''))).toEqual(profile)
  })
})

describe('View | {% yield %}', () => {
  let app: AppClient
  beforeAll(async () => { app = await testClient(fixture('views_app')) })
  afterAll(() => app.close())

  it('sets a variable to what a generator, a promise or a plain value gives, as AdonisJs 3 did', async () => {
    const page = await app.get('/yield?who=ann&wait=20')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(text(page.text, 'profile')).toBe('profile of ann')
    expect(text(page.text, 'later')).toBe('ann after 20 ms')
    expect(text(page.text, 'plain')).toBe('plain value')
    expect(text(page.text, 'old')).toBe('none')
  })

  it('keeps what each concurrent request waits for to itself', async () => {
    const pages = await Promise.all([['ann', 40], ['bob', 0], ['cy', 20]].map(([who, wait]) => app.get(`/yield?who=${who}&wait=${wait}`)))
    expect(pages.map((page) => text(page.text, 'later'))).toEqual(['ann after 40 ms', 'bob after 0 ms', 'cy after 20 ms'])
    expect(pages.map((page) => text(page.text, 'profile'))).toEqual(['profile of ann', 'profile of bob', 'profile of cy'])
  })

  it("answers the app's 500 page when what it waits for fails, at once or later", async () => {
    for (const late of [0, 30]) {
      const answer = await app.get(`/yield-fails?late=${late}`, { headers: { accept: 'application/json' } })
      expect(answer.status).toBe(500)
      expect(answer.json().message).toContain('What you want?')
    }
    expect((await app.get('/yield?who=dan')).status).toBe(200)
  })

  it('answers HEAD for a page that waits, with no body', async () => {
    const answer = await app.request('HEAD', '/yield?who=ann&wait=20')
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('')
  })

  it('refuses a yield with nothing to name', async () => {
    const root = tempApp({
      'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.on('/').render('page')\n",
      'resources/views/page.njk': '{% yield somePromise %}',
    })
    const client = await testClient(root)
    try {
      const answer = await client.get('/', { headers: { accept: 'application/json' } })
      expect(answer.status).toBe(500)
      expect(answer.json().message).toContain('{% yield %} needs a name for what it waits on: write it as {% yield user = userPromise %}')
    } finally {
      await client.close()
      removeApp(root)
    }
  })
})

describe('View | View.global() and View.filter() at boot', () => {
  const bootError = (routes: string): Error | null => {
    const root = tempApp({ 'start/routes.ts': `import { Route, View } from 'adonis-lite'\n${routes}\nRoute.on('/').render('page')\n` })
    try {
      boot({ root, config: { app: { appKey: 'k'.repeat(32) } } })
      return null
    } catch (error) {
      return error as Error
    } finally {
      removeApp(root)
    }
  }

  it.each([
    ['old', "View.global('old', () => 'x')", "View.global('old'): every view already gets its own 'old'"],
    ['csrfField', "View.global('csrfField', '')", "every view already gets its own 'csrfField'"],
    ['a name a template cannot write', "View.global('my-name', 1)", 'the name must be a word a template can write'],
    ['a filter that is no function', "View.filter('shout', 'loud' as any)", "View.filter('shout', ...): the filter must be a function"],
  ])('refuses a global or filter named %s, naming the call', (_, call, message) => {
    expect(bootError(call)?.message).toContain(message)
  })
})
