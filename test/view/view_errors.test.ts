/**
 * A view that fails answers 500 with E_VIEW_RENDER naming its file and line, once: the page
 * itself, a block of a page that extends a layout, a partial it includes, a syntax error.
 * Each fixture view has its fault on line 5.
 */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'

const NO_ROUTE = "No route is named 'nowhere' (nor uses it as its handler): check .as() in start/routes.ts"

describe('View | errors name the view file and line', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('views_app')) })
  afterAll(() => client.close())

  async function failure (view: string): Promise<{ code: string, message: string }> {
    const answer = await client.get(`/render?view=${view}`, { headers: { accept: 'application/json' } })
    expect(answer.status).toBe(500)
    return answer.json()
  }

  it.each([
    ['pages.bad_route', `resources/views/pages/bad_route.njk:5: ${NO_ROUTE}`, 'a helper call: linkTo()'],
    ['pages.bad_in_block', `resources/views/pages/bad_in_block.njk:5: ${NO_ROUTE}`, 'the route filter inside a block of a page that extends a layout'],
    ['pages.bad_include', `resources/views/partials/bad_footer.njk:5: ${NO_ROUTE}`, 'a partial the page includes'],
    ['pages.bad_syntax', 'resources/views/pages/bad_syntax.njk:5: unexpected token: %}', 'a syntax error'],
  ])('reports a fault of %s at its file and line: "%s" (%s)', async (view, message) => {
    expect(await failure(view)).toMatchObject({ code: 'E_VIEW_RENDER', message })
  })

  it('shows the message once on the development error page, without Nunjucks prefixes', async () => {
    const page = await client.get('/render?view=pages.bad_in_block')
    expect(page.status).toBe(500)
    expect(page.text).toContain('resources/views/pages/bad_in_block.njk:5: No route is named &#39;nowhere&#39;')
    expect(page.text).not.toContain('Template render error')
    expect(page.text).not.toContain('[Line')
  })

  it('tells nothing of the view in production', async () => {
    const production = await testClient(fixture('views_app'), { production: true })
    try {
      const page = await production.get('/render?view=pages.bad_route')
      expect(page.status).toBe(500)
      expect(page.text).not.toContain('bad_route')
    } finally {
      await production.close()
    }
  })
})
