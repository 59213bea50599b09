/**
 * Group commit in the file driver, at the store's seam (the HTTP side is in
 * file_driver.test.ts): commits that wait for a session's file are applied together, in
 * order, with one read and one write, and lose nothing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CommitGroups } from '../../framework/session/stores/commit_groups'
import { FileStore } from '../../framework/session/stores/file_store'
import type { SessionConfig, SessionData } from '../../framework/session/types'

const ID = 'a'.repeat(32)
const replace = (values: SessionData) => ({ values, changes: null })
const change = (values: SessionData) => ({ values, changes: new Map(Object.entries(values)) })

describe('Session | file store group commit', () => {
  let directory: string
  let store: FileStore
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-groups-'))
    store = new FileStore({ age: 120, file: { directory } } as SessionConfig, { root: '/', log: console } as never)
  })
  afterEach(() => {
    store.close()
    jest.restoreAllMocks()
    fs.rmSync(directory, { recursive: true, force: true })
  })

  it('keeps every change of 100 concurrent commits that each change their own key', async () => {
    await store.write(ID, replace({ start: 1 }))
    await Promise.all(Array.from({ length: 100 }, (_, index) => store.write(ID, change({ [`key${index}`]: index }))))
    const stored = await store.read(ID)
    expect(Object.keys(stored!).length).toBe(101)
    for (let index = 0; index < 100; index++) expect(stored![`key${index}`]).toBe(index)
  })

  it('applies the commits that waited for a write together: one write for the group, no read of a file it wrote itself', async () => {
    await store.write(ID, replace({ start: 1 }))
    const reads = jest.spyOn(fs.promises, 'readFile')
    const renames = jest.spyOn(fs.promises, 'rename')
    await Promise.all(Array.from({ length: 50 }, (_, index) => store.write(ID, change({ [`key${index}`]: index }))))
    // The first commit goes alone; the 49 that came while it was written go together. The
    // file is as this process wrote it each time (one stat says so): it is not read again.
    expect(renames).toHaveBeenCalledTimes(2)
    expect(reads).toHaveBeenCalledTimes(0)
    expect(Object.keys((await store.read(ID))!).length).toBe(51)
  })

  it('reads the file again once another process has written it, and merges into that', async () => {
    await store.write(ID, replace({ mine: 1 }))
    expect(await store.read(ID)).toEqual({ mine: 1 })
    // Another process's commit: a temp file renamed over the session's, as the store writes.
    const file = path.join(directory, `${ID}.json`)
    fs.writeFileSync(`${file}.other.tmp`, JSON.stringify({ mine: 1, theirs: 2 }))
    fs.renameSync(`${file}.other.tmp`, file)
    const reads = jest.spyOn(fs.promises, 'readFile')
    await store.write(ID, change({ again: 3 }))
    expect(reads).toHaveBeenCalledTimes(1)
    expect(await store.read(ID)).toEqual({ mine: 1, theirs: 2, again: 3 })
  })

  it('applies the commits of a group in the order they came', async () => {
    await store.write(ID, replace({ counter: 0 }))
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.write(ID, change({ counter: index + 1 }))))
    expect(await store.read(ID)).toEqual({ counter: 20 })
  })

  it('writes nothing for a change of some keys to a session that has no file', async () => {
    await store.write(ID, change({ a: 1 }))
    expect(await store.read(ID)).toBeNull()
    expect(fs.existsSync(path.join(directory, `${ID}.json`))).toBe(false)
  })

  it('keeps a session destroyed when a change of some keys comes after the destroy in the same group', async () => {
    await store.write(ID, replace({ a: 1 }))
    const pending = [store.write(ID, change({ b: 2 })), store.destroy(ID), store.write(ID, change({ c: 3 }))]
    await Promise.all(pending)
    expect(await store.read(ID)).toBeNull()
    expect(fs.readdirSync(directory)).toEqual([])
  })

  it('starts a session again when a whole new session follows a destroy in the same group', async () => {
    await store.write(ID, replace({ a: 1 }))
    await Promise.all([store.write(ID, change({ b: 2 })), store.destroy(ID), store.write(ID, replace({ fresh: true })), store.write(ID, change({ c: 3 }))])
    expect(await store.read(ID)).toEqual({ fresh: true, c: 3 })
  })

  it('never changes the values a request committed, when a later commit of its group builds on them', async () => {
    await store.write(ID, replace({ a: 1 }))
    const whole = { fresh: true }
    await Promise.all([store.write(ID, change({ b: 2 })), store.write(ID, replace(whole)), store.write(ID, change({ c: 3 }))])
    expect(whole).toEqual({ fresh: true })
    expect(await store.read(ID)).toEqual({ fresh: true, c: 3 })
  })
})

describe('Session | commit groups', () => {
  it('fails the commits of a failed group only, and goes on with the next group', async () => {
    const applied: string[][] = []
    const groups = new CommitGroups<string>(async (_id, commits) => {
      applied.push(commits)
      if (commits.includes('bad')) throw new Error('disk full')
    })
    const first = groups.add('s', 'one')
    const failing = [groups.add('s', 'two'), groups.add('s', 'bad')]
    await first
    const later = groups.add('s', 'three')
    await expect(Promise.all(failing)).rejects.toThrow('disk full')
    await later
    expect(applied).toEqual([['one'], ['two', 'bad'], ['three']])
  })

  it('keeps the groups of different sessions apart', async () => {
    const applied: string[] = []
    const groups = new CommitGroups<string>(async (id, commits) => { applied.push(`${id}:${commits.join(',')}`) })
    await Promise.all([groups.add('x', '1'), groups.add('y', '1'), groups.add('x', '2'), groups.add('y', '2')])
    expect(applied.sort()).toEqual(['x:1', 'x:2', 'y:1', 'y:2'])
  })
})
