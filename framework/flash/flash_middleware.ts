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
  return takeFlashed(http).then(next)
}

async function takeFlashed (http: HttpContext): Promise<void> {
  const { session } = http
  await session.load()
  const flashed = session.getLoaded(FLASH_KEY, null)
  if (flashed !== null) await session.forget(FLASH_KEY)
  http.flash = new FlashMessages((flashed ?? {}) as Record<string, unknown>)
}
