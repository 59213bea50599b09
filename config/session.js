module.exports = {
  driver: process.env.SESSION_DRIVER || 'cookie',   // cookie | file | redis | memory
  cookie: 'adonis-session',
  age: 120,                                         // minutes of inactivity
  clearWithBrowser: false,
  httpOnly: true,
  sameSite: 'lax',
  domain: null,
  path: '/',
  secure: 'auto',                                  // Secure on HTTPS requests (behind a proxy: TRUST_PROXY=true)
  file: { directory: 'sessions' },                  // under storage/
  // Exactly one of url (one server; redis://127.0.0.1:6379 when none is set), cluster (Redis
  // Cluster seed nodes) or sentinels with name (Sentinel). Lists may be comma-separated strings.
  redis: {
    url: process.env.REDIS_URL,                     // redis://user:password@host:6379/0, rediss:// for TLS
    cluster: process.env.REDIS_CLUSTER,             // redis://redis-a:7000,redis://redis-b:7000
    sentinels: process.env.REDIS_SENTINELS,         // redis://sentinel-a:26379,redis://sentinel-b:26379
    name: process.env.REDIS_SENTINEL_NAME,          // the master Sentinel watches: mymaster
    prefix: 'session:',
  },
}
