/** v3 kept the files of a form in the order they were sent: checked over many uploads, since a race shows only now and then. */
import { testClient, type AppClient } from 'adonis-lite/testing'
import { removeApp, tempApp } from '../helpers/apps'

describe('Http | order of uploaded files', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser']\n",
      'start/routes.ts': `import { Route } from 'adonis-lite'
Route.post('/upload', async (request, response) => {
  if (request.input('wait')) await new Promise((resolve) => setTimeout(resolve, Number(request.input('wait'))))
  response.json({ all: Object.values(request.files()).flat().map((file) => file.clientName()) })
})
`,
    })
    app = await testClient(root)
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  it('v3: request.files() lists the files in upload order, every time', async () => {
    const names = Array.from({ length: 8 }, (_, index) => `f${index}.txt`)
    for (let round = 0; round < 200; round++) {
      const form = new FormData()
      form.append('wait', String(round % 3))
      names.forEach((name, index) => form.append('docs[]', new Blob(['x'.repeat((round + index) % 4 === 0 ? 70_000 : (round + index) % 4)]), name))
      const answer = (await app.newClient().post('/upload', form)).json()
      expect(answer.all).toEqual(names)
    }
  })
})
