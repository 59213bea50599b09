/**
 * AdonisJs 3's descriptive status methods (response.ok(body), response.notFound(body)...), made
 * from one table. The 1xx codes are left out: they are not final answers, and Node sends them
 * itself (writeContinue).
 */

/** Method name -> status code, as v3 named them. */
export const STATUS_METHODS = {
  ok: 200,
  created: 201,
  accepted: 202,
  nonAuthoritativeInformation: 203,
  noContent: 204,
  resetContent: 205,
  partialContent: 206,
  multipleChoices: 300,
  movedPermanently: 301,
  found: 302,
  seeOther: 303,
  notModified: 304,
  useProxy: 305,
  temporaryRedirect: 307,
  badRequest: 400,
  unauthorized: 401,
  paymentRequired: 402,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  notAcceptable: 406,
  proxyAuthenticationRequired: 407,
  requestTimeout: 408,
  conflict: 409,
  gone: 410,
  lengthRequired: 411,
  preconditionFailed: 412,
  requestEntityTooLarge: 413,
  requestUriTooLong: 414,
  unsupportedMediaType: 415,
  requestedRangeNotSatisfiable: 416,
  expectationFailed: 417,
  unprocessableEntity: 422,
  tooManyRequests: 429,
  internalServerError: 500,
  notImplemented: 501,
  badGateway: 502,
  serviceUnavailable: 503,
  gatewayTimeout: 504,
  httpVersionNotSupported: 505,
} as const

export type StatusMethodName = keyof typeof STATUS_METHODS

/** The methods the table makes: each sets the status and sends the body. */
export type StatusMethods<T> = { [K in StatusMethodName]: (body?: unknown) => T }

/** Adds a method per table row to prototype; each calls status(code) then send(body). */
export function installStatusMethods (prototype: { status (code: number): { send (body?: unknown): unknown } }): void {
  for (const [name, code] of Object.entries(STATUS_METHODS)) {
    Object.defineProperty(prototype, name, {
      value (this: typeof prototype, body?: unknown) { return this.status(code).send(body) },
      writable: true,
      configurable: true,
    })
  }
}
