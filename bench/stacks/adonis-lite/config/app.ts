import { Env } from 'adonis-lite'

export default {
  appKey: Env.get('APP_KEY'),
  http: {
    port: Env.number('PORT', 3333),
    host: Env.get('HOST', '127.0.0.1'),
  },
  /** Off, as in any production app that does not ask for it; `npm run bench:logs` turns it on to measure its cost. */
  logger: {
    requestLog: Env.boolean('BENCH_REQUEST_LOG', false),
    destination: Env.get('BENCH_LOG_FILE', 'stdout'),
  },
  views: {
    cache: Env.get('NODE_ENV') === 'production',
  },
}
