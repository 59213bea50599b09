/**
 * 'Adonis/Middleware/Flash': takes what the previous request flashed out of the session, so it
 * is shown once. A request without a session cookie has nothing flashed and reads nothing.
 */
import { FLASH_KEY, FlashMessages } from '../../flash/flash_messages'
import type { Next } from '../../middleware/runner'
import type { HttpContext } from '../context'
import type { HttpStep } from './step'

export const flashStep: HttpStep = (ctx, next) => {
  if (!ctx.hasSessionCookie) {
    ctx.flash = new FlashMessages({})
    return next()
  }
  const loading = ctx.session.load()
  // A store that answers synchronously (cookie, memory) has loaded the session already: no promise to wait for.
  if (!ctx.session.isLoaded) return takeFlashedLater(loading, ctx, next)
  takeFlashed(ctx)
  return next()
}

async function takeFlashedLater (loading: Promise<void>, ctx: HttpContext, next: Next): Promise<void> {
  await loading
  takeFlashed(ctx)
  await next()
}

function takeFlashed (ctx: HttpContext): void {
  const { session } = ctx
  const flashed = session.getLoaded(FLASH_KEY, null)
  if (flashed !== null) session.forgetLoaded(FLASH_KEY)
  ctx.flash = new FlashMessages((flashed ?? {}) as Record<string, unknown>)
}
