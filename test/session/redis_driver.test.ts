import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { sessionContract } from './session_contract'

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = `test:contract:${randomBytes(6).toString('hex')}:`

afterAll(async () => {
  const admin = new Redis(url)
  const keys = await admin.keys(`${prefix}*`)
  if (keys.length > 0) await admin.del(...keys)
  await admin.quit()
})

sessionContract({ driver: 'redis', config: () => ({ redis: { url, prefix } }), mergesConcurrentChanges: true })
