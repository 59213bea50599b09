/** Applies one request's changes to the values a store holds now (see SessionCommit). */
import type { SessionCommit, SessionData } from '../types'

export function applyCommit (current: SessionData | null, commit: SessionCommit): SessionData {
  if (commit.changes === null || current === null) return commit.values
  for (const [key, value] of commit.changes) {
    if (value === undefined) delete current[key]
    else current[key] = value
  }
  return current
}
