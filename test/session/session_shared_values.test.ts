/**
 * Session at its seam with a store that hands the same values to several requests (as the
 * cookie driver's cache does): a request copies only what it changes, and never changes what
 * the other requests see.
 */
import { Signer } from '../../framework/crypto/signer'
import { Session } from '../../framework/session/session'
import type { SessionManager } from '../../framework/session/session_manager'
import type { CookieCarrier, SessionCommit, SessionData, SessionStore } from '../../framework/session/types'

const ID = 'b'.repeat(32)

function sharedSetup (shared: SessionData) {
  const signer = new Signer(['a-key-for-tests-of-thirty-two-chars'])
  const commits: SessionCommit[] = []
  const store: SessionStore = {
    sharesValues: true,
    read: () => shared,
    write: (_id, commit) => { commits.push(commit) },
    touch: () => {},
    destroy: () => {},
  }
  const manager = { config: { cookie: 'adonis-session' }, store, signer, touchInterval: 60_000, log: { debug () {} } } as unknown as SessionManager
  const cookie = signer.sign(`${ID}.${Math.floor(Date.now() / 1000).toString(36)}`, 'session-id')
  const cookies: CookieCarrier = { get: (name) => name === 'adonis-session' ? cookie : undefined, set () {}, clear () {} }
  return { session: () => new Session(manager, cookies), commits }
}

describe('Session | values shared by the store', () => {
  it('leaves the shared values as they were, at every depth, whatever a request changes', async () => {
    const shared = { cart: { items: [{ sku: 'A' }] }, profile: { name: 'Ann' }, counter: 1 }
    const before = JSON.parse(JSON.stringify(shared))
    const { session, commits } = sharedSetup(shared)
    const one = session()
    await one.put('counter', 2)
    await one.put('cart.items.0.sku', 'B')
    await one.forget('profile.name')
    await one.commit()
    expect(shared).toEqual(before)
    expect(commits[0]!.values).toEqual({ cart: { items: [{ sku: 'B' }] }, profile: {}, counter: 2 })
  })

  it('copies only the top-level values a request changes inside, and keeps the others shared', async () => {
    const shared = { cart: { items: [1, 2] }, profile: { name: 'Ann' } }
    const { session, commits } = sharedSetup(shared)
    const one = session()
    await one.put('cart.items', [3])
    await one.commit()
    const values = commits[0]!.values
    expect(values).not.toBe(shared)
    expect(values.profile).toBe(shared.profile)
    expect(values.cart).not.toBe(shared.cart)
    expect(shared.cart).toEqual({ items: [1, 2] })
  })

  it('gives each request its own changes when two change the same shared values', async () => {
    const shared = { cart: { count: 1 } }
    const { session, commits } = sharedSetup(shared)
    const one = session()
    const two = session()
    await one.put('cart.count', 5)
    await two.put('cart.extra', true)
    await one.commit()
    await two.commit()
    expect(commits.map((commit) => commit.values)).toEqual([{ cart: { count: 5 } }, { cart: { count: 1, extra: true } }])
    expect(await session().get('cart')).toEqual({ count: 1 })
  })
})
