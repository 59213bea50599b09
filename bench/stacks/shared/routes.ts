/**
 * The routes that make an app as large as a scaling run asks (BENCH_ROUTES), shaped like a real
 * app's: sections with a list, a page per id, an edit form and an update. Every stack defines
 * them before its own, so that the pages measured are its last routes: the worst place for a
 * router that tries every route in turn.
 */
export interface FillerRoute {
  method: 'GET' | 'PUT'
  path: string
}

/** Enough routes to bring an app that has `own` routes to `total`. */
export function fillerRoutes (total: number, own: number): FillerRoute[] {
  const routes: FillerRoute[] = []
  for (let section = 0; routes.length < total - own; section++) {
    routes.push(
      { method: 'GET', path: `/section${section}` },
      { method: 'GET', path: `/section${section}/:id` },
      { method: 'GET', path: `/section${section}/:id/edit` },
      { method: 'PUT', path: `/section${section}/:id` }
    )
  }
  return routes.slice(0, Math.max(0, total - own))
}
