import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ViewRenderer } from '../../framework/view/view_renderer'

describe('View | renderer', () => {
  let dir: string
  let views: ViewRenderer
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-views-'))
    fs.writeFileSync(path.join(dir, 'plain.njk'), 'Hello {{ who }}')
    fs.writeFileSync(path.join(dir, 'waits.njk'), '{% yield who = who %}Hello {{ who }}')
    views = new ViewRenderer(dir, { cache: true, filters: {} })
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('renders a page that waits on nothing to a string, in the same tick', () => {
    expect(views.render('plain', { who: 'ann' })).toBe('Hello ann')
    expect(views.render('waits', { who: 'plain ann' })).toBe('Hello plain ann')
  })

  it('renders a page that waits as a promise of the page, rejected with what failed', async () => {
    const page = views.render('waits', { who: Promise.resolve('bob') })
    expect(page).toBeInstanceOf(Promise)
    expect(await page).toBe('Hello bob')
    await expect(views.render('waits', { who: Promise.reject(new Error('no user')) })).rejects.toThrow('no user')
  })

  it('renderAsync() waits for what a page yields, and rejects with what fails', async () => {
    await expect(views.renderAsync('waits', { who: (function * () { return 'cy' })() })).resolves.toBe('Hello cy')
    await expect(views.renderAsync('waits', { who: Promise.reject(new Error('no user')) })).rejects.toThrow('no user')
    await expect(views.renderAsync('nowhere', {})).rejects.toMatchObject({ code: 'E_VIEW_NOT_FOUND' })
  })
})
