import { Env } from 'adonis-lite'

export default {
  /** Signs and encrypts cookies and sessions. `adonis-lite key:generate` writes one into .env. */
  appKey: Env.get('APP_KEY'),

  /**
   * What the app needs from the environment, checked at boot ('required|' + string, number,
   * boolean or url): a mistake in .env stops the boot with the variable's name.
   */
  env: {
    APP_KEY: 'required|string',
    PORT: 'number',
    TRUST_PROXY: 'boolean',
    REDIS_URL: 'url',
    LOG_REQUESTS: 'boolean',
  },

  /** Keys still accepted while rotating APP_KEY (comma separated); cookies are rewritten with the new one. */
  previousKeys: Env.get('APP_KEY_PREVIOUS', ''),

  http: {
    port: Env.number('PORT', 3333),
    host: Env.get('HOST', '127.0.0.1'),
    /** Trust X-Forwarded-* headers (behind a reverse proxy). */
    trustProxy: Env.boolean('TRUST_PROXY', false),
    /** Take a POST's _method field (or ?_method=) as its verb, so HTML forms can PUT, PATCH and DELETE. */
    allowMethodSpoofing: true,
    /** How long a client may take to send a whole request, and its headers, in ms (raise it for big uploads on slow links). */
    requestTimeout: 60000,
    headersTimeout: 20000,
    /** gzip/brotli of text answers from 1 kB (true, or { threshold: bytes }); off when a proxy in front compresses. */
    compression: false,
    /** On SIGTERM (and on each worker a SIGHUP replaces), how long requests in flight may take to finish, in ms. */
    drainTimeout: Env.number('DRAIN_TIMEOUT', 10000),
  },

  /** Files of public/: Cache-Control max-age in seconds; names with a content hash (app.3f9a1c2b.js) get a year, immutable. */
  static: {
    maxAge: 0,
  },

  /** Logs: JSON lines in production, readable ones in development (docs/configuration.md#logs). */
  logger: {
    /** fatal, error, warn, info, debug, trace or silent. */
    level: Env.get('LOG_LEVEL', 'info'),
    /** One line per request (method, path, status, ms, request id): on in development, off in production unless LOG_REQUESTS=true. */
    requestLog: Env.boolean('LOG_REQUESTS', Env.get('NODE_ENV') !== 'production'),
    /** 'stdout', 'stderr', or a file such as 'storage/logs/app.log' (relative to the app). */
    destination: Env.get('LOG_DESTINATION', 'stdout'),
  },

  views: {
    /** Compiled templates are kept in memory in production and re-read on every render otherwise. */
    cache: Env.get('NODE_ENV') === 'production',
  },
}
