import { Env } from 'adonis-lite'

export default {
  appKey: Env.get('APP_KEY'),
  http: {
    port: Env.number('PORT', 3333),
    host: Env.get('HOST', '127.0.0.1'),
  },
  views: {
    cache: Env.get('NODE_ENV') === 'production',
  },
}
