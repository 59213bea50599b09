/**
 * The session work of one S2 request on the cookie driver (read and decrypt, put, commit and
 * encrypt), cycling through N sessions so that past the driver's cache every read decrypts:
 * `node --require tsx/cjs bench/micro/cookie_session.ts 10000`. Microseconds per request, no
 * HTTP; compare runs made one after the other on a quiet machine.
 */
import { Encrypter } from '../../framework/crypto/encrypter'
import { Signer } from '../../framework/crypto/signer'
import { Session } from '../../framework/session/session'
import type { SessionManager } from '../../framework/session/session_manager'
import { CookieStore } from '../../framework/session/stores/cookie_store'
import type { CookieCarrier, DriverContext, SessionConfig } from '../../framework/session/types'
import { CART_ITEMS } from '../stacks/shared/fixtures'

const KEY = 'a-benchmark-key-of-thirty-two-characters'
const encrypter = new Encrypter([KEY])
const driver = { root: '/', encrypt: (text, purpose) => encrypter.encrypt(text, purpose), decrypt: (token, purpose) => encrypter.decrypt(token, purpose)?.value ?? null, log: console } as DriverContext
const store = new CookieStore({ cookie: 'adonis-session', age: 120 } as SessionConfig, driver)
const manager = { config: { cookie: 'adonis-session' }, store, signer: new Signer([KEY]), touchInterval: 60_000, log: { debug () {} } } as unknown as SessionManager
const sessions = Number(process.argv[2] || 10_000)

function carrier (jar: Map<string, string>): CookieCarrier {
  return { get: (name) => jar.get(name), set: (name, value) => { jar.set(name, value) }, clear: (name) => { jar.delete(name) } }
}

async function main (): Promise<void> {
  const jars: Array<Map<string, string>> = []
  for (let index = 0; index < sessions; index++) {
    const jar = new Map<string, string>()
    const session = new Session(manager, carrier(jar))
    await session.put({ cartItems: CART_ITEMS, counter: 0, csrfSecret: 'x'.repeat(43) })
    await session.commit()
    jars.push(jar)
  }
  const requests = 60_000
  for (let round = 0; round < 3; round++) {
    const started = process.hrtime.bigint()
    for (let index = 0; index < requests; index++) {
      const session = new Session(manager, carrier(jars[index % sessions]!))
      await session.put('counter', (await session.get('counter', 0) as number) + 1)
      await session.commit()
    }
    console.log(`${sessions} sessions: ${(Number(process.hrtime.bigint() - started) / requests / 1000).toFixed(1)} µs of session work per S2 request`)
  }
}

main()
