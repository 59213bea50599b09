/**
 * File-driver session ids never leave storage/: whatever a cookie names, even signed with the
 * app key, only ids of the generated shape become file names, inside the sessions folder.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { testClient, TestClient, type AppClient } from 'adonis-lite/testing'
import { Signer } from '../../framework/crypto/signer'
import { FileStore } from '../../framework/session/stores/file_store'
import { SESSION_DEFAULTS } from '../../framework/session/session_config'
import { fixture, TEST_KEY } from '../helpers/apps'

const RUNS = Number(process.env.FUZZ_RUNS) || 300
const ID_FILE = /^[A-Za-z0-9_-]{32}\.json$/
const signer = new Signer([TEST_KEY])

/** Ids an attacker would try: paths out of the folder, absolute paths, odd bytes, near-misses of the real shape. */
const hostileId = fc.oneof(
  fc.constantFrom('../canary', '../../canary', '..\\canary', '/etc/passwd', '/tmp/x', '%2e%2e%2fcanary', '....//canary', 'canary\u0000',
    `${'a'.repeat(32)}/../../canary`, `${'a'.repeat(31)}/`, `${'a'.repeat(33)}`, `${'a'.repeat(31)}.`, 'CON', 'aux.json', ''),
  fc.tuple(fc.constantFrom('../', '..\\', '/', './', ''), fc.string({ unit: fc.constantFrom(...'abc./\\_-%0'), maxLength: 40 })).map(([start, rest]) => start + rest),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 })
)

describe('Security | file-driver session ids', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-file-ids-'))
  const directory = path.join(parent, 'storage', 'sessions')
  const canary = path.join(parent, 'storage', 'canary.json')
  let app: AppClient

  beforeAll(async () => {
    fs.mkdirSync(path.dirname(canary), { recursive: true })
    fs.writeFileSync(canary, '{"canary":true}')
    app = await testClient(fixture('hardening_app'), { config: { session: { driver: 'file', file: { directory } } }, env: { APP_KEY: TEST_KEY } })
  })
  afterAll(async () => {
    await app.close()
    fs.rmSync(parent, { recursive: true, force: true })
  })

  it(`never lets ${RUNS} hostile ids signed with the app key reach the file system`, async () => {
    await fc.assert(fc.asyncProperty(hostileId, fc.boolean(), async (id, withTime) => {
      const client = new TestClient(app.url)
      const signed = signer.sign(withTime ? `${id}.0` : id, 'session-id')
      // Header values are bytes without controls (the raw cookie fuzz test sends those): a
      // browser would send non-Latin-1 characters as UTF-8.
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      const value = signed.replace(/[\u0000-\u001f\u007f;]/g, '')
      client.jar.set('adonis-session', Buffer.from(value, 'utf8').toString('latin1').trim() || 'x')
      const form = await client.get('/form')
      expect(form.status).toBe(200)
      const issued = client.jar.get('adonis-session')!.value.split('.')[0]!
      expect(issued).not.toBe(id)
      expect((await client.get('/session')).json().secret).toBeUndefined()
    }), { numRuns: RUNS })
    expect(JSON.parse(fs.readFileSync(canary, 'utf8'))).toEqual({ canary: true })
    expect(fs.readdirSync(path.join(parent, 'storage')).sort()).toEqual(['canary.json', 'sessions'])
    const names = fs.readdirSync(directory)
    expect(names.length).toBeGreaterThan(0)
    expect(names.filter((name) => !ID_FILE.test(name))).toEqual([])
  }, 60_000)

  it('refuses a malformed id in every store operation, before any file is touched', async () => {
    const store = new FileStore({ ...SESSION_DEFAULTS, file: { directory } }, { root: parent, encrypt: () => '', decrypt: () => null, log: console })
    try {
      for (const id of ['../canary', '/etc/passwd', `${'a'.repeat(32)}/x`, '']) {
        await expect(Promise.resolve().then(() => store.read(id))).rejects.toMatchObject({ code: 'E_MALFORMED_SESSION_ID' })
        await expect(Promise.resolve().then(() => store.write(id, { values: { x: 1 }, changes: null }))).rejects.toMatchObject({ code: 'E_MALFORMED_SESSION_ID' })
        await expect(Promise.resolve().then(() => store.touch(id))).rejects.toMatchObject({ code: 'E_MALFORMED_SESSION_ID' })
        await expect(Promise.resolve().then(() => store.destroy(id))).rejects.toMatchObject({ code: 'E_MALFORMED_SESSION_ID' })
      }
      expect(JSON.parse(fs.readFileSync(canary, 'utf8'))).toEqual({ canary: true })
    } finally {
      store.close()
    }
  })

  it('keeps a relative file.directory under the app\'s storage/ folder', () => {
    const store = new FileStore({ ...SESSION_DEFAULTS, file: { directory: 'sessions' } }, { root: parent, encrypt: () => '', decrypt: () => null, log: console })
    try {
      expect(store.directory).toBe(path.join(parent, 'storage', 'sessions'))
    } finally {
      store.close()
    }
  })
})
