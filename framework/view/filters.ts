/** View filters that build URLs: {{ 'user.profile' | route({ id: 1 }) }} and {{ 'UserController.show' | action({ id: 1 }) }}. */
import type { Router } from '../routing/router'

export function urlFilters (router: Router) {
  return {
    route: (name: string, params?: Record<string, unknown>) => router.url(name, params),
    action: (handler: string, params?: Record<string, unknown>) => router.url(handler, params),
  }
}
