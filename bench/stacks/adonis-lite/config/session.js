module.exports = {
  driver: process.env.SESSION_DRIVER || 'cookie',   // cookie | file | redis | memory
  cookie: 'adonis-session',
  age: 120,
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  // The benchmark hands each run a fresh folder; an absolute path is used as it is.
  file: { directory: process.env.SESSION_DIRECTORY || 'sessions' },
  redis: {
    url: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    prefix: process.env.REDIS_PREFIX || 'bench:adonis:',
  },
}
