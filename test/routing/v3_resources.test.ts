/**
 * AdonisJs 3's resources (src/Route/resource.js, ResourceMember.js, ResourceCollection.js and
 * route.spec.js), over HTTP: members, collections, names, middleware per action, leading
 * slashes, the root resource and nesting.
 */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { bootError, fixture } from '../helpers/apps'

describe('Routing | v3 resources', () => {
  let client: AppClient
  beforeAll(async () => { client = await testClient(fixture('routes_app')) })
  afterAll(() => client.close())

  const names = () => new Map(client.app.router.list().map((route) => [`${route.methods.join('/')} ${route.pattern}`, route]))

  it('v3: addMember(name, verb) registers /resource/:id/name for that verb, handled by Controller.name', async () => {
    const answer = await client.post('/tasks/3/complete')
    expect(answer.json()).toMatchObject({ action: 'complete', params: { id: '3' } })
    expect((await client.get('/tasks/3/complete')).status).toBe(405)
  })

  it('v3: addMember() without verbs is GET (and HEAD); its callback can bindAction, rename and add middleware', async () => {
    expect((await client.get('/tasks/4/preview')).json()).toMatchObject({ action: 'showPreview', params: { id: '4' }, trail: ['auth(member)'] })
    expect((await client.head('/tasks/4/preview')).status).toBe(200)
    expect(names().get('GET /tasks/:id/preview')?.name).toBe('tasks.peek')
  })

  it('v3: addCollection(name) registers GET /resource/name, tried before /resource/:id', async () => {
    expect((await client.get('/tasks/archived')).json()).toMatchObject({ action: 'archived', params: {} })
    expect(names().get('GET /tasks/archived')?.name).toBe('tasks.archived')
  })

  it("v3: addCollection()'s verbs accept ['GET', 'HEAD'] and its callback's .middlewares() applies to it alone", async () => {
    expect((await client.get('/tasks/search')).json()).toMatchObject({ action: 'search', trail: ['auth(collection)'] })
    expect((await client.get('/tasks/archived')).json().trail).toEqual([])
  })

  it('v3: .as({ index: name }) renames an action with the whole name given', async () => {
    expect(names().get('GET /tasks')?.name).toBe('tasks.all')
    expect(names().get('GET /tasks/:id')?.name).toBe('tasks.show')
  })

  it('v3: .middleware({ auth: [actions] }) applies each middleware to the actions listed only', async () => {
    expect((await client.post('/tasks')).json()).toMatchObject({ action: 'store', trail: ['auth()'] })
    expect((await client.put('/tasks/2')).json()).toMatchObject({ action: 'update', trail: ['auth()', 'plain()'] })
    expect((await client.get('/tasks/2')).json()).toMatchObject({ action: 'show', trail: [] })
    expect((await client.delete('/tasks/2')).json()).toMatchObject({ action: 'destroy', trail: [] })
  })

  it('v3: .middleware([names]) applies to every route of the resource', async () => {
    expect((await client.get('/notes')).json().trail).toEqual(['auth()'])
    expect((await client.get('/notes/1')).json().trail).toEqual(['auth()'])
  })

  it("v3: Route.resource('/admin') is /admin with names admin.index..., as Route.resource('admin')", async () => {
    expect((await client.get('/admin')).json().action).toBe('index')
    expect(names().get('GET /admin')?.name).toBe('admin.index')
    expect((await client.get('/admin/create')).status).toBe(404)
  })

  it("v3: Route.resource('/') has its routes at the root of its group, named index, show...", async () => {
    expect((await client.get('/root')).json().action).toBe('index')
    expect((await client.get('/root/8')).json()).toMatchObject({ action: 'show', params: { id: '8' } })
    expect(names().get('GET /root/:id')?.name).toBe('show')
  })

  it("v3: Route.resource('users.posts') nests under /users/:users_id, named users.posts.*", async () => {
    expect((await client.get('/users/5/posts/6')).json()).toMatchObject({ action: 'show', params: { users_id: '5', id: '6' } })
    expect(names().get('GET /users/:users_id/posts')?.name).toBe('users.posts.index')
  })
})

/** Boots an app with this routes file and returns the error the boot fails with. */
function routesBootError (routes: string): ReturnType<typeof bootError> {
  return bootError({ 'start/routes.ts': `import { Route } from 'adonis-lite'\n${routes}\n` })
}

describe('Routing | v3 resource mistakes stop the boot', () => {
  it('v3: addMember() and addCollection() need a name', async () => {
    for (const call of ['addMember', 'addCollection']) {
      const error = await routesBootError(`Route.resource('tasks', 'TaskController').${call}('')`)
      expect(error.code).toBe('E_INVALID_RESOURCE')
      expect(error.message).toContain(`.${call}() needs the name of the route`)
    }
  })

  it('v3: .middleware({ auth: ... }) must list actions in an array', async () => {
    const error = await routesBootError("Route.resource('tasks', 'TaskController').middleware({ auth: 'store' } as any)")
    expect(error.code).toBe('E_INVALID_RESOURCE')
    expect(error.message).toContain("must list actions in an array, such as ['store', 'update']")
  })

  it('v3: a resource needs a controller name', async () => {
    const error = await routesBootError("Route.resource('tasks', (() => 'x') as any)")
    expect(error.code).toBe('E_INVALID_RESOURCE')
  })
})
