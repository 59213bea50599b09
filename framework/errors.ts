/**
 * Every error the framework raises, in one place. Each has a stable code (for tests, logs and
 * JSON error bodies), an HTTP status, whether its message may reach the client, and a message
 * that says what to change.
 */

export interface ErrorOptions {
  code: string
  status?: number
  /** Whether the message may be shown to the client (defaults to status < 500). */
  expose?: boolean
  cause?: unknown
}

/** The base of every error adonis-lite throws. */
export class AdonisLiteError extends Error {
  readonly code: string
  readonly status: number
  readonly expose: boolean

  constructor (message: string, options: ErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = options.code
    this.status = options.status ?? 500
    this.expose = options.expose ?? this.status < 500
  }
}

/** An HTTP error raised by app code: `throw new HttpException('Nope', 403)`. Its message reaches the client. */
export class HttpException extends AdonisLiteError {
  constructor (message: string, status = 500, code = 'E_HTTP_EXCEPTION') {
    super(message, { code, status, expose: true })
  }
}

/** A mistake in the app's files, found while booting. The CLI prints the message alone and exits. */
export class BootError extends AdonisLiteError {
  constructor (message: string, code: string, cause?: unknown) {
    super(message, { code, status: 500, expose: false, cause })
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

export const E_ROUTE_NOT_FOUND = (method: string, path: string) =>
  new AdonisLiteError(`Cannot ${method} ${path}`, { code: 'E_ROUTE_NOT_FOUND', status: 404 })

export const E_METHOD_NOT_ALLOWED = (method: string, path: string, allowed: readonly string[]) =>
  Object.assign(
    new AdonisLiteError(`${method} is not allowed on ${path}; use ${allowed.join(', ')}`, { code: 'E_METHOD_NOT_ALLOWED', status: 405 }),
    { headers: { Allow: allowed.join(', ') } }
  )

export const E_HOST_NOT_ALLOWED = (host: string) =>
  new AdonisLiteError(`Host '${host}' is not allowed in development: add it to http.allowedHosts in config/app.ts ` +
    'if this machine is reached by that name', { code: 'E_HOST_NOT_ALLOWED', status: 403 })

export const E_BODY_TOO_LARGE = (limit: string) =>
  new AdonisLiteError(`Request body is larger than the ${limit} limit`, { code: 'E_BODY_TOO_LARGE', status: 413 })

export const E_UPLOADS_BUSY = () =>
  Object.assign(
    new AdonisLiteError('The server is receiving too many uploads at once: try again in a moment',
      { code: 'E_UPLOADS_BUSY', status: 503, expose: true }),
    { headers: { 'Retry-After': '5' } }
  )

export const E_MALFORMED_BODY = (type: string, reason: string) =>
  new AdonisLiteError(`Malformed ${type} body: ${reason}`, { code: 'E_MALFORMED_BODY', status: 400 })

export const E_UNSUPPORTED_ENCODING = (encoding: string) =>
  new AdonisLiteError(`Unsupported body encoding "${encoding}"`, { code: 'E_UNSUPPORTED_ENCODING', status: 415 })

export const E_BAD_CSRF_TOKEN = () =>
  new AdonisLiteError('Invalid or missing CSRF token: reload the page and submit the form again',
    { code: 'E_BAD_CSRF_TOKEN', status: 403 })

export const E_NEXT_CALLED_TWICE = (where: string) =>
  new AdonisLiteError(`next() was called more than once in ${where}: call it (or yield next) once`,
    { code: 'E_NEXT_CALLED_TWICE' })

export const E_VIEW_NOT_FOUND = (name: string, file: string) =>
  new AdonisLiteError(`View "${name}" not found: create ${file}`, { code: 'E_VIEW_NOT_FOUND' })

export const E_INVALID_VIEW_NAME = (name: string) =>
  new AdonisLiteError(`View name "${name}" is not a view inside resources/views: name it with dots or slashes from there, ` +
    "such as 'layouts.master' or 'partials/nav' (no '..', no absolute path, no empty folder name)", { code: 'E_INVALID_VIEW_NAME' })

export const E_INVALID_VIEW_HELPER = (call: string, problem: string) =>
  new AdonisLiteError(`${call}: ${problem}`, { code: 'E_INVALID_VIEW_HELPER' })

/** A view that does not compile or fails while rendering: where, and the cause (whose stack the log shows). */
export const E_VIEW_RENDER = (where: string, reason: string, cause: unknown) =>
  new AdonisLiteError(`${where}: ${reason}`, { code: 'E_VIEW_RENDER', cause })

export const E_INVALID_YIELD = (problem: string) =>
  new AdonisLiteError(`{% yield %} ${problem}: write it as {% yield user = userPromise %}`, { code: 'E_INVALID_YIELD' })

export const E_FLASH_NOT_ENABLED = (method: string) =>
  new AdonisLiteError(
    `request.${method}() needs the Flash middleware: add 'Adonis/Middleware/Flash' to globalMiddleware in app/Http/kernel.ts`,
    { code: 'E_FLASH_NOT_ENABLED' })

export const E_SESSION_STORE_UNAVAILABLE = (driver: string, reason: string) =>
  new AdonisLiteError('The session store is unavailable, please try again shortly',
    { code: 'E_SESSION_STORE_UNAVAILABLE', status: 503, expose: true, cause: new Error(`${driver} session store: ${reason}`) })

export const E_SESSION_DIRECTORY = (dir: string, reason: string) =>
  new AdonisLiteError(`Cannot create the session folder ${dir} (${reason}): create it with write access for this process, ` +
    'or set file.directory in config/session.js', { code: 'E_SESSION_DIRECTORY' })

/** A store asked to touch the file system for an id it never issued: a guard, never reached by a request. */
export const E_MALFORMED_SESSION_ID = () =>
  new AdonisLiteError('A session id that is not well-formed never reaches the file system', { code: 'E_MALFORMED_SESSION_ID' })

export const E_SESSION_TOO_LARGE = (bytes: number) =>
  new AdonisLiteError(
    `The session is too large for the cookie driver: its cookie would be ${bytes} bytes, over the 4096-byte limit of browsers. ` +
    "Store less in the session, or set driver: 'file' or 'redis' in config/session.js",
    { code: 'E_SESSION_TOO_LARGE' })

// ---------------------------------------------------------------------------------------------
// Boot: mistakes in the app's files

export const E_MISSING_APP_KEY = () =>
  new BootError('APP_KEY is not set: run `adonis-lite key:generate` (writes it into .env), or set APP_KEY in the environment',
    'E_MISSING_APP_KEY')

export const E_WEAK_APP_KEY = (length: number) =>
  new BootError(`APP_KEY is too short (${length} characters, 32 needed): run \`adonis-lite key:generate\` for a new one`,
    'E_WEAK_APP_KEY')

export const E_WEAK_PREVIOUS_KEY = (position: number, length: number) =>
  new BootError(`APP_KEY_PREVIOUS (previousKeys in config/app.ts): key ${position} is too short (${length} character${length === 1 ? '' : 's'}, 32 needed). ` +
    'A previous key opens cookies as the current one does: list only former APP_KEY values', 'E_WEAK_APP_KEY')

/** A variable is set to something its reader cannot use. The value is shown unless it may be a secret. */
export const E_INVALID_ENV = (name: string, value: string, expected: string) =>
  new BootError(`Environment variable ${name} is ${/KEY|SECRET|PASSWORD|TOKEN/i.test(name) ? 'set' : JSON.stringify(value)}, ` +
    `which is not ${expected}: fix it in .env or in the environment`, 'E_INVALID_ENV')

export const E_MISSING_ENV = (name: string, expected: string) =>
  new BootError(`Environment variable ${name} is not set, and config/app.ts (env) requires it (${expected}): set it in .env or in the environment`,
    'E_MISSING_ENV')

export const E_MODULE_LOAD_FAILED = (file: string, cause: unknown) =>
  new BootError(`Cannot load ${file}: ${describe(cause)}`, 'E_MODULE_LOAD_FAILED', cause)

export const E_APP_NOT_FOUND = (root: string) =>
  new BootError(`${root} is not an adonis-lite app: it has no start/routes.ts. Create one with \`adonis-lite new <dir>\``,
    'E_APP_NOT_FOUND')

export const E_INVALID_CONFIG = (file: string, key: string, problem: string) =>
  new BootError(`${file}: ${key} ${problem}`, 'E_INVALID_CONFIG')

export const E_UNKNOWN_MIDDLEWARE = (name: string, known: string[]) =>
  new BootError(`app/Http/kernel.ts: unknown middleware '${name}'. Built-in middleware are ${known.map((k) => `'${k}'`).join(', ')}; ` +
    "the app's own are named 'App/Http/Middleware/<Name>'", 'E_UNKNOWN_MIDDLEWARE')

export const E_MIDDLEWARE_NOT_FOUND = (name: string, file: string) =>
  new BootError(`app/Http/kernel.ts lists '${name}', but ${file} does not exist: create it, or remove the name from the kernel`,
    'E_MIDDLEWARE_NOT_FOUND')

export const E_INVALID_MIDDLEWARE = (name: string, file: string) =>
  new BootError(`${file} ('${name}' in app/Http/kernel.ts) must export a class with a handle(request, response, next) method`,
    'E_INVALID_MIDDLEWARE')

export const E_UNKNOWN_NAMED_MIDDLEWARE = (name: string, route: string, known: string[]) =>
  new BootError(`start/routes.ts: route ${route} uses middleware '${name}', which is not in namedMiddleware of app/Http/kernel.ts ` +
    `(known: ${known.length ? known.join(', ') : 'none'})`, 'E_UNKNOWN_NAMED_MIDDLEWARE')

export const E_CONTROLLER_NOT_FOUND = (handler: string, file: string, route: string) => {
  const controller = handler.slice(0, handler.lastIndexOf('.'))
  // make:controller names files <Name>Controller.ts, so it can only create names that end so.
  const create = controller.endsWith('Controller') ? `adonis-lite make:controller ${controller}` : `create ${file}`
  return new BootError(`start/routes.ts: route ${route} names '${handler}', but ${file} does not exist. ` +
    `Create it (${create}) or fix the name`, 'E_CONTROLLER_NOT_FOUND')
}

export const E_CONTROLLER_METHOD_NOT_FOUND = (handler: string, file: string, route: string) =>
  new BootError(`start/routes.ts: route ${route} names '${handler}', but the controller in ${file} has no method ` +
    `${handler.slice(handler.lastIndexOf('.') + 1)}(): add it or fix the name`, 'E_CONTROLLER_METHOD_NOT_FOUND')

export const E_INVALID_HANDLER = (route: string, problem: string) =>
  new BootError(`start/routes.ts: route ${route} ${problem}`, 'E_INVALID_HANDLER')

export const E_DUPLICATE_ROUTE = (route: string) =>
  new BootError(`start/routes.ts: route ${route} is defined twice: remove one`, 'E_DUPLICATE_ROUTE')

export const E_DUPLICATE_ROUTE_NAME = (name: string, first: string, second: string) =>
  new BootError(`start/routes.ts: the name '${name}' is given to ${first} and to ${second}: route names must be unique`,
    'E_DUPLICATE_ROUTE_NAME')

export const E_UNKNOWN_ROUTE = (identifier: string) =>
  new AdonisLiteError(`No route is named '${identifier}' (nor uses it as its handler): check .as() in start/routes.ts`,
    { code: 'E_UNKNOWN_ROUTE' })

export const E_ROUTE_PARAM_MISSING = (identifier: string, pattern: string, reason: string) =>
  new AdonisLiteError(`Cannot build the URL of '${identifier}' (${pattern}): ${reason}`, { code: 'E_ROUTE_PARAM_MISSING' })

export const E_ROUTES_NOT_LOADED = (method: string) =>
  new AdonisLiteError(`Route.${method}() can only be used once start/routes.ts has been loaded (inside handlers, not at the top of the routes file)`,
    { code: 'E_ROUTES_NOT_LOADED' })

export const E_UNKNOWN_SESSION_DRIVER = (driver: string, known: string[]) =>
  new BootError(`config/session.js: unknown session driver '${driver}'. Use one of ${known.map((k) => `'${k}'`).join(', ')}, ` +
    'or register your own with Session.extend()', 'E_UNKNOWN_SESSION_DRIVER')

export const E_UNKNOWN_VALIDATION_RULE = (field: string, rule: string, known: string[]) =>
  new AdonisLiteError(`Validation rule '${rule}' given for field '${field}' does not exist. Known rules: ${known.join(', ')}`,
    { code: 'E_UNKNOWN_VALIDATION_RULE' })

export const E_INVALID_VALIDATION_RULE = (field: string, rule: string, problem: string) =>
  new AdonisLiteError(`Validation rule '${rule}' for field '${field}' ${problem}`, { code: 'E_INVALID_VALIDATION_RULE' })

/** Validator.extend, Validator.is.extend or Validator.sanitizor.extend called with a name or function it cannot take. */
export const E_INVALID_VALIDATOR_EXTENSION = (method: string, name: string, problem: string) =>
  new AdonisLiteError(`${method}('${name}', ...) ${problem}`, { code: 'E_INVALID_VALIDATOR_EXTENSION' })

/** A rule added with Validator.extend returned something that is neither a promise nor a boolean. */
export const E_INVALID_CUSTOM_RULE_RESULT = (rule: string, field: string, result: string) =>
  new AdonisLiteError(`Validation rule '${rule}' (checking field '${field}') returned ${result}: return a promise ` +
    '(rejected to fail, resolved to pass) or a boolean', { code: 'E_INVALID_CUSTOM_RULE_RESULT' })

export const E_UNKNOWN_SANITIZATION_FILTER = (field: string, filter: string, known: string[]) =>
  new AdonisLiteError(`Sanitization filter '${filter}' given for field '${field}' does not exist. Known filters: ${known.join(', ')}`,
    { code: 'E_UNKNOWN_SANITIZATION_FILTER' })

export const E_INVALID_SANITIZATION_RULE = (field: string, rule: string, problem: string) =>
  new AdonisLiteError(`Sanitization rule '${rule}' for field '${field}' ${problem}`, { code: 'E_INVALID_SANITIZATION_RULE' })

/** The message of anything thrown, for wrapping it in a clearer error. */
export function describe (error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

/** A wrong command-line argument. */
export const E_CLI_USAGE = (message: string) => new AdonisLiteError(message, { code: 'E_CLI_USAGE' })

/** A Redis URL in config/session.js (redis.url, an item of redis.cluster or redis.sentinels) that cannot name a Redis server. The URL itself is not repeated: it may hold a password. */
export const E_INVALID_REDIS_URL = (key: string, problem: string) =>
  new BootError(`config/session.js: ${key} ${problem}. Use a URL such as 'redis://127.0.0.1:6379' or ` +
    "'rediss://user:password@host:6380/0' (the scaffold's config reads REDIS_URL, REDIS_CLUSTER and REDIS_SENTINELS from the environment)", 'E_INVALID_REDIS_URL')

/** The server cannot take its port (in use, not allowed); the message says which and what to do. */
export const E_CANNOT_LISTEN = (message: string) => new AdonisLiteError(message, { code: 'E_CANNOT_LISTEN' })

/** A development tool the command needs (tsx, chokidar, jest, typescript) is not installed in the app. */
export const E_TOOL_NOT_INSTALLED = (name: string, purpose: string) =>
  new AdonisLiteError(`${name} is not installed, and ${purpose} needs it: run npm install --save-dev ${name}`, { code: 'E_TOOL_NOT_INSTALLED' })

/** A package the framework itself needs is missing: an install that did not finish, or none at all. */
export const E_NOT_INSTALLED = (name: string, where: string) =>
  new AdonisLiteError(`Cannot find the package '${name}': run npm install in ${where}`, { code: 'E_NOT_INSTALLED' })

/** The app's TypeScript does not compile; tsc's errors are printed above this message. */
export const E_BUILD_FAILED = (errors: number) =>
  new AdonisLiteError(`The build stopped: ${errors} type error${errors === 1 ? '' : 's'} (above). Fix them, then run adonis-lite build again`, { code: 'E_BUILD_FAILED' })

/** csrf.compareHostAndOrigin: a state-changing request whose Origin (or Referer) names another host, or neither header. */
export const E_CSRF_ORIGIN_MISMATCH = () =>
  new AdonisLiteError('The request did not come from a page of this site (its Origin or Referer names another host, or is missing): submit the form from this site',
    { code: 'E_BAD_CSRF_TOKEN', status: 403 })

/** 'Adonis/Middleware/Cors' listed in namedMiddleware: it answers preflight requests, which reach no route's middleware. */
export const E_CORS_NOT_GLOBAL = () =>
  new BootError("app/Http/kernel.ts: 'Adonis/Middleware/Cors' answers preflight requests before routing, so it belongs in globalMiddleware (first, as AdonisJs 3 listed it), not namedMiddleware", 'E_INVALID_CONFIG')

// ---------------------------------------------------------------------------------------------
// Routes: resources, domains, middleware parameters

export const E_INVALID_RESOURCE = (resource: string, problem: string) =>
  new BootError(`start/routes.ts: Route.resource('${resource}') ${problem}`, 'E_INVALID_RESOURCE')

export const E_MIDDLEWARE_TAKES_NO_PARAMS = (name: string, route: string, middleware: string) =>
  new BootError(`start/routes.ts: route ${route} gives parameters to '${name}', but ${middleware} takes none: ` +
    'remove what follows \':\' or map the name to a middleware of app/Http/Middleware in app/Http/kernel.ts', 'E_MIDDLEWARE_TAKES_NO_PARAMS')

export const E_INVALID_DOMAIN = (domain: string) =>
  new BootError(`start/routes.ts: .domain('${domain}') is not a host name: write it as 'blog.example.com' or ':user.example.com'`,
    'E_INVALID_DOMAIN')

// ---------------------------------------------------------------------------------------------
// Request, response and uploads

/** Request.macro('ip', ...) would change what every handler, middleware and view relies on. */
export const E_INVALID_MACRO = (target: string, name: string, problem?: string) =>
  new AdonisLiteError(`${target}.macro('${name}') ${problem ?? `cannot replace ${target.toLowerCase()}.${name}, which is built in: give the macro another name`}`,
    { code: 'E_INVALID_MACRO' })

/** An uploaded file moved or read after file.delete(). */
export const E_FILE_DELETED = (clientName: string) =>
  new AdonisLiteError(`The uploaded file ${JSON.stringify(clientName)} was deleted: move() or delete() it before deleting it`,
    { code: 'E_FILE_DELETED' })

export const E_INVALID_SESSION_DRIVER = (name: string) =>
  new AdonisLiteError(`SessionManager.extend('${name}', driver): driver must be a function (config, app) => store, ` +
    'or a store object with read, write, touch and destroy methods', { code: 'E_INVALID_SESSION_DRIVER' })
