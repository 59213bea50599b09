/** The middleware the framework ships, by the names the kernel lists them under. */
import { flashMiddleware } from '../flash/flash_middleware'
import { bodyParserMiddleware } from '../http/body_parser'
import { shieldMiddleware } from '../shield/shield_middleware'
import type { Step } from './runner'

export const builtInMiddleware: ReadonlyMap<string, Step> = new Map([
  ['Adonis/Middleware/BodyParser', bodyParserMiddleware],
  ['Adonis/Middleware/Shield', shieldMiddleware],
  ['Adonis/Middleware/Flash', flashMiddleware],
])
