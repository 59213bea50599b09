/**
 * Session.commit() at the seam, without HTTP: a real SessionManager and memory store, and a
 * cookie carrier that records what the response would set. Each path of a commit: a new
 * session, one only read, one read long after its cookie was sent, one changed, one flushed,
 * one regenerated.
 */
import { Encrypter } from '../../framework/crypto/encrypter'
import { Signer } from '../../framework/crypto/signer'
import { createLogger } from '../../framework/logger'
import { SESSION_DEFAULTS } from '../../framework/session/session_config'
import { SessionManager } from '../../framework/session/session_manager'
import type { MemoryStore } from '../../framework/session/stores/memory_store'
import type { CookieAttributes, CookieJarLike } from '../../framework/session/types'
import { TEST_KEY } from '../helpers/apps'

/** A browser's cookies, and what one response set or cleared. */
class Jar implements CookieJarLike {
  readonly sent = new Map<string, string>()
  readonly set_ = new Map<string, string>()
  readonly cleared = new Set<string>()

  get (name: string) { return this.sent.get(name) }
  set (name: string, value: string, _attributes: CookieAttributes) { this.set_.set(name, value) }
  clear (name: string, _attributes: CookieAttributes) { if (this.sent.has(name)) this.cleared.add(name) }

  /** The next request's jar: what this response left in the browser. */
  next (): Jar {
    const jar = new Jar()
    for (const [name, value] of this.sent) if (!this.cleared.has(name)) jar.sent.set(name, value)
    for (const [name, value] of this.set_) jar.sent.set(name, value)
    return jar
  }
}

const signer = new Signer([TEST_KEY])
const manager = new SessionManager({ ...SESSION_DEFAULTS, driver: 'memory' }, {
  root: __dirname, signer, encrypter: new Encrypter([TEST_KEY]), logger: createLogger({ level: 'error' }), idBoundKeys: ['_secret'],
})
const store = manager.store as MemoryStore
const session = (jar: Jar) => manager.create(manager.carrier(jar, false))
const idIn = (jar: Jar) => signer.unsign(jar.sent.get('adonis-session')!, 'session-id')!.value.split('.')[0]!

/** A browser holding a stored session of these values. */
async function browserWith (values: Record<string, unknown>): Promise<Jar> {
  const jar = new Jar()
  const first = session(jar)
  await first.put(values)
  await first.commit()
  return jar.next()
}

afterAll(() => manager.close())

describe('Session | commit', () => {
  it('stores a new session under a new id, and sends its cookie', async () => {
    const jar = new Jar()
    const fresh = session(jar)
    await fresh.put('cart', ['apple'])
    await fresh.commit()
    expect(jar.set_.has('adonis-session')).toBe(true)
    expect(store.read(idIn(jar.next()))).toEqual({ cart: ['apple'] })
  })

  it('writes nothing and sends no cookie for a session that was only read', async () => {
    const jar = await browserWith({ a: 1 })
    const read = session(jar)
    expect(await read.get('a')).toBe(1)
    const before = store.size
    await read.commit()
    expect(jar.set_.size).toBe(0)
    expect(store.size).toBe(before)
  })

  it('slides a session read long after its cookie was sent: touches the store, sends the cookie again', async () => {
    const jar = await browserWith({ a: 1 })
    const id = idIn(jar)
    // The cookie says when it was sent: make it an hour old, as a browser's would be.
    jar.sent.set('adonis-session', signer.sign(`${id}.${Math.floor((Date.now() - 3_600_000) / 1000).toString(36)}`, 'session-id'))
    const read = session(jar)
    await read.get('a')
    await read.commit()
    expect(idIn(jar.next())).toBe(id)
    expect(jar.set_.has('adonis-session')).toBe(true)
  })

  it('writes only the keys a request changed, keeping what another request changed meanwhile', async () => {
    const jar = await browserWith({ a: 1, b: 1 })
    const id = idIn(jar)
    const left = session(jar)
    const right = session(jar)
    await left.put('a', 2)
    await right.put('b', 3)
    await left.commit()
    await right.commit()
    expect(store.read(id)).toEqual({ a: 2, b: 3 })
  })

  it('deletes a flushed session and clears its cookie; values put after a flush go under a new id', async () => {
    const jar = await browserWith({ userId: 7 })
    const id = idIn(jar)
    const out = session(jar)
    await out.flush()
    await out.commit()
    expect(store.read(id)).toBeNull()
    expect(jar.cleared.has('adonis-session')).toBe(true)

    const again = await browserWith({ userId: 7 })
    const oldId = idIn(again)
    const flushed = session(again)
    await flushed.flush()
    await flushed.put('notice', 'signed out')
    await flushed.commit()
    const newId = idIn(again.next())
    expect(newId).not.toBe(oldId)
    expect(store.read(oldId)).toBeNull()
    expect(store.read(newId)).toEqual({ notice: 'signed out' })
  })

  it('gives a regenerated session a new id, drops the keys bound to the id, and deletes the old one', async () => {
    const jar = await browserWith({ userId: 7, _secret: 's' })
    const oldId = idIn(jar)
    const signIn = session(jar)
    await signIn.regenerate()
    const newId = signIn.id
    await signIn.commit()
    expect(newId).not.toBe(oldId)
    expect(idIn(jar.next())).toBe(newId)
    expect(store.read(oldId)).toBeNull()
    expect(store.read(newId!)).toEqual({ userId: 7 })
  })

  it('commits nothing for a request that never read the session', async () => {
    const jar = await browserWith({ a: 1 })
    await session(jar).commit()
    expect(jar.set_.size + jar.cleared.size).toBe(0)
  })
})
