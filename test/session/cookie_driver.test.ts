import { get, put, SESSION_COOKIE, sessionContract, bootSessionApp } from './session_contract'

sessionContract({ driver: 'cookie', mergesConcurrentChanges: false })

describe('Session | cookie driver specifics', () => {
  it('keeps the values in a second, encrypted cookie', async () => {
    const app = await bootSessionApp({ driver: 'cookie', mergesConcurrentChanges: false })
    try {
      const c = app.newClient()
      await put(c, 'secret', 'plain text value')
      const data = c.jar.all().find((cookie) => cookie.name !== SESSION_COOKIE)!
      expect(data).toBeDefined()
      expect(data.value).not.toContain('plain')
      expect(Buffer.from(data.value, 'base64url').toString('latin1')).not.toContain('plain')
      expect(data.httpOnly).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('binds the values cookie to its session id: moved to another session it is refused', async () => {
    const app = await bootSessionApp({ driver: 'cookie', mergesConcurrentChanges: false })
    try {
      const victim = app.newClient()
      await put(victim, 'role', 'admin')
      const attacker = app.newClient()
      await put(attacker, 'role', 'guest')
      const stolen = victim.jar.all().find((cookie) => cookie.name !== SESSION_COOKIE)!
      attacker.jar.set(stolen.name, stolen.value)
      expect(await get(attacker, 'role')).toBeNull()
    } finally {
      await app.close()
    }
  })

  it('refuses a session that would not fit in a cookie, naming the size and the other drivers', async () => {
    const app = await bootSessionApp({ driver: 'cookie', mergesConcurrentChanges: false })
    try {
      const c = app.newClient()
      await put(c, 'kept', 'before')
      const answer = await c.get('/t/big?size=5000', { headers: { accept: 'application/json' } })
      expect(answer.status).toBe(500)
      expect(answer.json().code).toBe('E_SESSION_TOO_LARGE')
      expect(answer.json().message).toMatch(/\d{4} bytes/)
      expect(answer.json().message).toContain("'file' or 'redis'")
      expect(answer.cookies).toEqual([])
      expect(await get(c, 'kept')).toBe('before')
      expect((await c.get('/t/big?size=2500')).status).toBe(200)
    } finally {
      await app.close()
    }
  })
})
