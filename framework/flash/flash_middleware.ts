/**
 * 'Adonis/Middleware/Flash': takes what the previous request flashed out of the session, so it
 * is shown once. A request without a session cookie has nothing flashed and reads nothing.
 */
import type { Step } from '../middleware/runner'
import { FLASH_KEY, FlashMessages } from './flash_messages'

export const flashMiddleware: Step = async (http, next) => {
  let current: Record<string, unknown> = {}
  if (http.cookies.get(http.app.sessions.config.cookie) !== undefined) {
    const { session } = http
    await session.load()
    const flashed = session.getLoaded(FLASH_KEY, null)
    if (flashed !== null) {
      current = flashed as Record<string, unknown>
      await session.forget(FLASH_KEY)
    }
  }
  http.flash = new FlashMessages(current)
  await next()
}
