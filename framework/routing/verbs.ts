/** HTTP verbs as start/routes.ts writes them, checked once at boot. */
import { VERBS, type Verb } from './types'

/**
 * ['get', 'post'] -> ['GET', 'POST']. HEAD is GET's (every GET route answers it), so AdonisJs 3's
 * ['GET', 'HEAD'] is taken as ['GET']. `caller` names the method in the error.
 */
export function toVerbs (verbs: string[], caller = 'Route.match()'): Verb[] {
  const found = new Set<Verb>()
  for (const verb of verbs) {
    const upper = String(verb).toUpperCase()
    if (upper === 'HEAD') {
      found.add('GET')
      continue
    }
    if (!(VERBS as readonly string[]).includes(upper)) {
      throw new TypeError(`${caller}: unknown HTTP verb '${verb}' (use ${VERBS.join(', ')})`)
    }
    found.add(upper as Verb)
  }
  return [...found]
}
