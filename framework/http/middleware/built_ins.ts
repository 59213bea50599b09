/** The middleware the framework ships, by the names the kernel lists them under. */
import { FlashMessages } from '../../flash/flash_messages'
import { bodyParserStep } from './body_parser'
import { CORS_MIDDLEWARE, corsStep } from './cors'
import { flashStep } from './flash'
import { sendShieldHeaders, shieldStep } from './shield'
import type { HttpMiddleware, HttpStep } from './step'

// On a request no route matched, no handler will read a body, check a form or show a flash
// message: the built-ins do nothing a visitor could make costly there (no body is read, no
// session loaded), and Shield still sets its headers on the 404 page.
const passThrough: HttpStep = (ctx, next) => next()

const shieldHeadersOnly: HttpStep = (ctx, next) => {
  sendShieldHeaders(ctx)
  return next()
}

const nothingFlashed: HttpStep = (ctx, next) => {
  ctx.flash = new FlashMessages({})
  return next()
}

export const BUILT_IN_MIDDLEWARE: ReadonlyMap<string, HttpMiddleware> = new Map([
  ['Adonis/Middleware/BodyParser', { step: bodyParserStep, readsBodies: true, unrouted: passThrough }],
  ['Adonis/Middleware/Shield', { step: shieldStep, readsBodies: false, unrouted: shieldHeadersOnly }],
  ['Adonis/Middleware/Flash', { step: flashStep, readsBodies: false, unrouted: nothingFlashed }],
  [CORS_MIDDLEWARE, { step: corsStep, readsBodies: false, unrouted: passThrough }],
])
