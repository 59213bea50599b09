import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient, TestClient } from 'adonis-lite/testing'
import { fixture } from '../helpers/apps'
import { get, put, SESSION_COOKIE } from './session_contract'

const OLD_KEY = 'old-key-0123456789-abcdefghijklmnopqrstuvwxyz'
const NEW_KEY = 'new-key-0123456789-abcdefghijklmnopqrstuvwxyz'
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-rotation-'))
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }))

const boot = (driver: string, env: Record<string, string>) =>
  testClient(fixture('session_app'), { env, config: { session: { driver, file: { directory } } } })

describe('Session | app key rotation', () => {
  it.each(['cookie', 'file'])('reads %s sessions signed with a previous key and rewrites them with the new one', async (driver) => {
    const before = await boot(driver, { APP_KEY: OLD_KEY })
    const rotating = await boot(driver, { APP_KEY: NEW_KEY, APP_KEY_PREVIOUS: OLD_KEY })
    const rotated = await boot(driver, { APP_KEY: NEW_KEY })
    try {
      const browser = before.newClient()
      await put(browser, 'user', 'ann')
      const oldCookie = browser.jar.get(SESSION_COOKIE)!.value

      // A server without the old key cannot read the old cookie.
      const stale = new TestClient(rotated.url, browser.jar.copy())
      expect(await get(stale, 'user')).toBeNull()

      // A server that still accepts the old key reads it, and sends the cookie again with the new key.
      const during = new TestClient(rotating.url, browser.jar)
      expect(await get(during, 'user')).toBe('ann')
      expect(browser.jar.get(SESSION_COOKIE)!.value).not.toBe(oldCookie)

      // Rewritten: the server with only the new key now reads it.
      const afterwards = new TestClient(rotated.url, browser.jar)
      expect(await get(afterwards, 'user')).toBe('ann')
    } finally {
      await Promise.all([before.close(), rotating.close(), rotated.close()])
    }
  })
})
