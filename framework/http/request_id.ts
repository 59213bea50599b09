/**
 * The id of a request, for matching a log line to a report: the X-Request-Id a proxy in front
 * gave (when it is short and of safe characters, as it ends up in logs and headers), else a
 * random UUID.
 */
import { randomUUID } from 'node:crypto'

/** Letters, digits and - _ . : only, 1 to 128 of them: nothing that could forge a log line or a header. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/

export function requestId (given: string | undefined): string {
  return given !== undefined && given.length <= 128 && SAFE_ID.test(given) ? given : randomUUID()
}
