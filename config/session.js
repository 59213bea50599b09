module.exports = {
  driver: process.env.SESSION_DRIVER || 'cookie',   // cookie | file | redis | memory
  cookie: 'adonis-session',
  age: 120,                                         // minutes of inactivity
  clearWithBrowser: false,
  httpOnly: true,
  sameSite: 'lax',
  domain: null,
  path: '/',
  secure: false,
  file: { directory: 'sessions' },                  // under storage/
  redis: { url: process.env.REDIS_URL || 'redis://127.0.0.1:6379', prefix: 'session:' },
}
