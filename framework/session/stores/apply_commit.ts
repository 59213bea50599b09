/** Applies one request's changes to the values a store holds now (see SessionCommit). */
import type { SessionCommit, SessionData } from '../types'

/**
 * The values to store, or null to store nothing: a commit of some keys to a session that is
 * gone (expired, flushed or regenerated since the request read it) must not bring it back.
 * Changes `current` in place.
 */
export function applyCommit (current: SessionData | null, commit: SessionCommit): SessionData | null {
  if (commit.changes === null) return commit.values
  if (current === null) return null
  for (const [key, value] of commit.changes) {
    if (value === undefined) delete current[key]
    else current[key] = value
  }
  return current
}
