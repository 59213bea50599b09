/** The middleware the framework ships, by the names the kernel lists them under. */
import { bodyParserStep } from './body_parser'
import { CORS_MIDDLEWARE, corsStep } from './cors'
import { flashStep } from './flash'
import { shieldStep } from './shield'
import type { HttpMiddleware } from './step'

export const BUILT_IN_MIDDLEWARE: ReadonlyMap<string, HttpMiddleware> = new Map([
  ['Adonis/Middleware/BodyParser', { step: bodyParserStep, readsBodies: true }],
  ['Adonis/Middleware/Shield', { step: shieldStep, readsBodies: false }],
  ['Adonis/Middleware/Flash', { step: flashStep, readsBodies: false }],
  [CORS_MIDDLEWARE, { step: corsStep, readsBodies: false }],
])
