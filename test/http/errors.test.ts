import { testClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'

describe('Http | error pages', () => {
  it('shows the message and stack of a 500 in development', async () => {
    const client = await testClient(fixture('core_app'))
    try {
      const html = await client.get('/throws')
      expect(html.status).toBe(500)
      expect(html.headers['content-type']).toMatch(/text\/html/)
      expect(html.text).toContain('handler exploded')
      expect(html.text).toContain('routes.ts')
      const json = (await client.get('/throws', { headers: { accept: 'application/json' } })).json()
      expect(json.message).toBe('handler exploded')
      expect(json.stack).toContain('handler exploded')
    } finally {
      await client.close()
    }
  })

  it('hides everything internal of a 500 in production', async () => {
    const client = await testClient(fixture('core_app'), { production: true })
    try {
      const html = await client.get('/throws')
      expect(html.status).toBe(500)
      expect(html.text).not.toContain('handler exploded')
      expect(html.text).not.toContain('routes.ts')
      const json = (await client.get('/throws', { headers: { accept: 'application/json' } })).json()
      expect(json).toEqual({ status: 500, code: 'E_HTTP_500', message: 'Internal Server Error' })
    } finally {
      await client.close()
    }
  })

  it('shows the message of an HttpException in production', async () => {
    const client = await testClient(fixture('core_app'), { production: true })
    try {
      const json = (await client.get('/members', { headers: { accept: 'application/json' } })).json()
      expect(json).toEqual({ status: 403, code: 'E_HTTP_EXCEPTION', message: 'Members only' })
      const html = await client.get('/members')
      expect(html.text).toContain('Members only')
    } finally {
      await client.close()
    }
  })

  it('escapes what an error message carries into the page', async () => {
    const client = await testClient(fixture('core_app'))
    try {
      const page = await client.get('/<script>x</script>')
      expect(page.status).toBe(404)
      expect(page.text).not.toContain('<script>x')
    } finally {
      await client.close()
    }
  })
})
