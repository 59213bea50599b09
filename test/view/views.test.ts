import fs from 'node:fs'
import path from 'node:path'
import { testClient } from 'adonis-lite/testing'
import { fixture, removeApp, tempApp } from '../helpers/apps'

describe('View | rendering', () => {
  it('renders views by dotted name, escaping values unless marked safe', async () => {
    const client = await testClient(fixture('core_app'))
    try {
      const login = await client.get('/login')
      expect(login.text).toContain('<h1>Login</h1>')
      const page = await client.get(`/greet/${encodeURIComponent('"><script>alert(1)</script>')}`)
      expect(page.text).toContain('Hello &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(page.text).not.toContain('<script>')
      expect(page.text).toContain('<p id="raw"><b>bold</b></p>')
      expect(page.text).toContain('<p id="url">/greet/')
    } finally {
      await client.close()
    }
  })

  it('answers 500 naming the missing view file, in development', async () => {
    const client = await testClient(fixture('core_app'))
    try {
      const answer = await client.get('/missing-view', { headers: { accept: 'application/json' } })
      expect(answer.status).toBe(500)
      expect(answer.json().code).toBe('E_VIEW_NOT_FOUND')
      expect(answer.json().message).toContain(path.join('resources', 'views', 'nowhere', 'to', 'be.njk'))
    } finally {
      await client.close()
    }
  })

  it('answers 500 without details for a broken template, in production', async () => {
    const client = await testClient(fixture('core_app'), { production: true })
    try {
      const answer = await client.get('/broken-view')
      expect(answer.status).toBe(500)
      expect(answer.text).toContain('Internal Server Error')
      expect(answer.text).not.toContain('broken')
      expect(answer.text).not.toMatch(/at .*\.ts/)
    } finally {
      await client.close()
    }
  })

  it('re-reads templates in development and caches them in production', async () => {
    const root = tempApp({
      'start/routes.ts': "import { Route } from 'adonis-lite'\nRoute.on('/').render('page')\n",
      'config/app.ts': "import { Env } from 'adonis-lite'\nexport default { appKey: Env.get('APP_KEY'), views: { cache: Env.get('NODE_ENV') === 'production' } }\n",
      'resources/views/page.njk': 'first',
    })
    const dev = await testClient(root, { env: { NODE_ENV: 'development' } })
    const prod = await testClient(root, { env: { NODE_ENV: 'production' }, production: true })
    try {
      expect((await dev.get('/')).text).toBe('first')
      expect((await prod.get('/')).text).toBe('first')
      fs.writeFileSync(path.join(root, 'resources/views/page.njk'), 'second')
      expect((await dev.get('/')).text).toBe('second')
      expect((await prod.get('/')).text).toBe('first')
    } finally {
      await dev.close()
      await prod.close()
      removeApp(root)
    }
  })
})
