/**
 * The /health route the scaffold ships (app/Http/Controllers/HealthController.ts): 200 while the
 * app can serve, 503 when its session store cannot, for load balancers. It reads and writes
 * no session.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient } from 'adonis-lite/testing'
import { TEST_KEY } from '../helpers/apps'
import { freePort } from '../helpers/ports'

const DEMO_APP = path.join(__dirname, '..', '..')

async function healthWith (session: Record<string, unknown>) {
  const app = await testClient(DEMO_APP, { config: { session }, env: { APP_KEY: TEST_KEY }, production: true })
  try {
    const answer = await app.get('/health')
    return { status: answer.status, body: answer.json(), cookies: answer.cookies }
  } finally {
    await app.close()
  }
}

describe('Http | /health', () => {
  it('answers 200 with redis sessions while Redis answers, and sets no cookie', async () => {
    const answer = await healthWith({ driver: 'redis', redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: 'test:health:' } })
    expect(answer).toEqual({ status: 200, body: { status: 'ok' }, cookies: [] })
  })

  it('answers 503 when Redis is down', async () => {
    const answer = await healthWith({ driver: 'redis', redis: { url: `redis://127.0.0.1:${await freePort()}`, prefix: 'test:health:' } })
    expect(answer.status).toBe(503)
    expect(answer.body).toEqual({ status: 'unavailable', sessions: 'The session store is unavailable, please try again shortly' })
  })

  it('answers 503 when the file driver cannot write its folder', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-health-'))
    const blocked = path.join(parent, 'not-a-folder')
    fs.writeFileSync(blocked, 'a file where the session folder should be')
    try {
      expect((await healthWith({ driver: 'file', file: { directory: blocked } })).status).toBe(503)
      expect((await healthWith({ driver: 'file', file: { directory: path.join(parent, 'sessions') } })).status).toBe(200)
    } finally {
      fs.rmSync(parent, { recursive: true, force: true })
    }
  })

  it('answers 200 with the cookie and memory drivers, which have nothing to reach', async () => {
    expect((await healthWith({ driver: 'cookie' })).status).toBe(200)
    expect((await healthWith({ driver: 'memory' })).status).toBe(200)
  })
})
