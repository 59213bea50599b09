/** Where `redirect('back')` goes: the Referer when it is on this origin, else '/'. */
export function backUrl (referer: string | undefined, host: string | undefined): string {
  if (!referer || !host) return '/'
  try {
    const url = new URL(referer)
    return url.host === host ? url.pathname + url.search : '/'
  } catch {
    return '/'
  }
}
