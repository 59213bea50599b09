/**
 * 'Adonis/Middleware/Flash': takes what the previous request flashed out of the session, so it
 * is shown once. A request without a session cookie has nothing flashed and reads nothing.
 */
import type { HttpContext } from '../http/context'
import type { Step } from '../middleware/runner'
import { FLASH_KEY, FlashMessages } from './flash_messages'

export const flashMiddleware: Step = (http, next) => {
  if (http.cookies.get(http.app.sessions.config.cookie) === undefined) {
    http.flash = new FlashMessages({})
    return next()
  }
  const loading = http.session.load()
  // A store that answers synchronously (cookie, memory) has loaded the session already: no promise to wait for.
  if (!http.session.isLoaded) return takeFlashedLater(loading, http, next)
  takeFlashed(http)
  return next()
}

async function takeFlashedLater (loading: Promise<void>, http: HttpContext, next: () => Promise<void>): Promise<void> {
  await loading
  takeFlashed(http)
  await next()
}

function takeFlashed (http: HttpContext): void {
  const { session } = http
  const flashed = session.getLoaded(FLASH_KEY, null)
  if (flashed !== null) session.forgetLoaded(FLASH_KEY)
  http.flash = new FlashMessages((flashed ?? {}) as Record<string, unknown>)
}
