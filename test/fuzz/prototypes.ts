/**
 * Prototype pollution checks. Under Jest the tests (and the framework they load) run in their
 * own realm, while objects that Node's core creates (request headers, say) come from Node's
 * main realm: both realms' built-in prototypes are watched.
 */

type Snapshot = Map<object, string[]>

function builtInPrototypes (): Array<[string, object]> {
  const nodeObjectPrototype = Object.getPrototypeOf(process.memoryUsage()) as object
  const nodeArrayPrototype = Object.getPrototypeOf(process.argv) as object
  return [
    ['Object.prototype', Object.prototype],
    ['Array.prototype', Array.prototype],
    ['Function.prototype', Function.prototype],
    ['String.prototype', String.prototype],
    ["Node's Object.prototype", nodeObjectPrototype],
    ["Node's Array.prototype", nodeArrayPrototype],
  ]
}

/** The own keys of every watched prototype now. */
export function snapshotPrototypes (): Snapshot {
  return new Map(builtInPrototypes().map(([, prototype]) => [prototype, Reflect.ownKeys(prototype).map(String).sort()]))
}

/** What changed on the watched prototypes since the snapshot: [] when nothing did. */
export function prototypeChanges (before: Snapshot): string[] {
  const changes: string[] = []
  for (const [name, prototype] of builtInPrototypes()) {
    const now = Reflect.ownKeys(prototype).map(String).sort()
    const then = before.get(prototype) ?? []
    const added = now.filter((key) => !then.includes(key))
    if (added.length > 0) changes.push(`${name} gained ${added.join(', ')}`)
  }
  for (const probe of ['polluted', 'isAdmin', 'x', 'toString']) {
    const value = ({} as Record<string, unknown>)[probe]
    if (probe !== 'toString' && value !== undefined) changes.push(`({}).${probe} is ${String(value)}`)
  }
  if (typeof ({} as Record<string, unknown>).toString !== 'function') changes.push('({}).toString is no longer a function')
  return changes
}
