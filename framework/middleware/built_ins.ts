/** The middleware the framework ships, by the names the kernel lists them under. */
import { bodyParserMiddleware } from '../http/body_parser'
import type { Step } from './runner'

export const builtInMiddleware: ReadonlyMap<string, Step> = new Map([
  ['Adonis/Middleware/BodyParser', bodyParserMiddleware],
])
