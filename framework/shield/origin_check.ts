/**
 * csrf.compareHostAndOrigin, as AdonisJs 3 checked it: the host of the page that sent the
 * request (its Origin header, else its Referer) must be the request's own host. A request with
 * neither header, or with Origin: null, is refused.
 */

/** Whether `origin` (or else `referer`) names `hostname`. */
export function comesFromHost (origin: string, referer: string, hostname: string): boolean {
  const source = origin !== '' ? origin : referer
  if (source === '' || hostname === '') return false
  try {
    return new URL(source).hostname === hostname
  } catch {
    return false
  }
}
