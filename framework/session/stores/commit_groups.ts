/**
 * Group commit, per session: the first commit of a session is applied at once; those that
 * arrive while it is being applied wait, and are then applied together by one call, in the
 * order they came. Each add() settles when the group that took it has been applied (or fails
 * with it), so a request still answers only once its commit is stored.
 */
export class CommitGroups<C> {
  readonly #apply: (id: string, commits: C[]) => Promise<void>
  /** Commits waiting per session, with the promise their add() calls returned. */
  readonly #waiting = new Map<string, Group<C>>()
  /** Sessions whose group is being applied now. */
  readonly #busy = new Set<string>()

  constructor (apply: (id: string, commits: C[]) => Promise<void>) {
    this.#apply = apply
  }

  add (id: string, commit: C): Promise<void> {
    let group = this.#waiting.get(id)
    if (group === undefined) {
      group = new Group<C>()
      this.#waiting.set(id, group)
    }
    group.commits.push(commit)
    const settled = group.done
    if (!this.#busy.has(id)) this.#drain(id)
    return settled
  }

  /** Applies the session's groups one after another until none is waiting. */
  async #drain (id: string): Promise<void> {
    this.#busy.add(id)
    for (let group = this.#waiting.get(id); group !== undefined; group = this.#waiting.get(id)) {
      this.#waiting.delete(id)
      try {
        await this.#apply(id, group.commits)
        group.resolve()
      } catch (error) {
        group.reject(error)
      }
    }
    this.#busy.delete(id)
  }
}

class Group<C> {
  readonly commits: C[] = []
  readonly done: Promise<void>
  resolve!: () => void
  reject!: (error: unknown) => void

  constructor () {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }
}
