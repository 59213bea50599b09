/**
 * adonis-lite's public API: everything an app imports comes from here.
 *
 *   import { Route, HttpException, Env } from 'adonis-lite'
 */
export { Route } from './http/handler_types'
export { Env } from './config/env'
export { HttpException, AdonisLiteError, BootError } from './errors'
export { Session } from './session/session'
export { boot, type BootOptions } from './ignitor'
export { Application } from './application'
export { Validator, ValidatorV3 } from './validation/lazy_validator'
export { View } from './view/view_registry'
export { Logger } from './logger_facade'

export type { Request } from './http/request'
export type { Response } from './http/response'
export type { HttpContext } from './http/context'
export type { CookieOptions } from './http/cookies'
export type { UploadedFile } from './http/multipart'
export type { RouteHandler, HandlerFunction, HandlerGenerator, GeneratorHandler } from './http/handler_types'
export type { Next } from './middleware/runner'
export type { SessionStore, SessionConfig, SessionCommit, SessionData, CookieCarrier, SessionDriverFactory, DriverContext } from './session/types'
export type { Rules, FieldRules, Messages, MessageTemplate, ValidationMessage, ValidationResult } from './validation/types'
export type { CustomRuleFunction, ValueGetter } from './validation/custom_rules'
export type { IsCheck } from './validation/is'
export type { SanitizationFilter } from './validation/sanitizor'
export type { SanitizationRules } from './validation/sanitize'
export type { Logger as AppLogger, LoggerConfig } from './logger'
