/** route:list shows what AdonisJs 3's route list held for a route: its domain and its formats. */
import { fixture } from '../helpers/apps'
import { cli } from '../cli/cli_helpers'

describe('Routing | route:list of domains and formats', () => {
  it('v3: shows a route with a domain after its host, and its formats after its path', async () => {
    const result = await cli(['route:list', '--json'], fixture('routes_app'))
    expect(result.code).toBe(0)
    const urls = JSON.parse(result.stdout).routes.map((route: { url: string }) => route.url)
    expect(urls).toEqual(expect.arrayContaining([
      'blog.example.com/posts/:id',
      ':user.example.com/',
      '/users{.json|.html}?',
      '/reports/:year{.csv}',
      '/books/:id{.json|.xml}?',
    ]))
  })
})
