/**
 * The Express peer: Express 5 + express-session + connect-flash + Nunjucks. STORE picks
 * express-session's store: 'memory' (its MemoryStore), 'file' (session-file-store) or
 * 'redis' (connect-redis over the redis client).
 */
import express from 'express'
import session from 'express-session'
import flash from 'connect-flash'
import nunjucks from 'nunjucks'
import { backUrl } from '../shared/back'
import { maskedToken, newSecret, verifyToken } from '../shared/csrf'
import { CART_ITEMS, SESSION_AGE_MS, VIEWS_DIR, serverSettings, stopOn } from '../shared/fixtures'
import { validateSignup } from '../shared/validate'

declare module 'express-session' {
  interface SessionData {
    cartItems: typeof CART_ITEMS
    counter: number
    csrfSecret: string
  }
}

const settings = serverSettings()
const storeName = process.env.STORE || 'memory'
const closers: Array<() => Promise<unknown>> = []

async function sessionStore (): Promise<session.Store | undefined> {
  switch (storeName) {
    case 'memory':
      return undefined
    case 'file': {
      const FileStore = require('session-file-store')(session)
      return new FileStore({ path: settings.sessionDirectory, ttl: SESSION_AGE_MS / 1000, logFn: () => {} })
    }
    case 'redis': {
      const { createClient } = require('redis')
      const { RedisStore } = require('connect-redis')
      const client = createClient({ url: settings.redisUrl })
      await client.connect()
      closers.push(() => client.quit())
      return new RedisStore({ client, prefix: settings.redisPrefix })
    }
  }
  throw new Error(`STORE must be memory, file or redis, not '${storeName}'`)
}

async function main (): Promise<void> {
  const app = express()
  nunjucks.configure(VIEWS_DIR, { autoescape: true, express: app })
  app.set('view engine', 'njk')

  app.use(session({
    name: 'express.sid',
    secret: process.env.APP_KEY || 'a-benchmark-key-of-thirty-two-characters',
    store: await sessionStore(),
    resave: false,
    saveUninitialized: false,
    cookie: { maxAge: SESSION_AGE_MS, httpOnly: true, sameSite: 'lax' },
  }))
  app.use(flash())
  app.use(express.urlencoded({ extended: true }))

  app.get('/', (req, res) => {
    res.render('welcome')
  })

  app.get('/seed', (req, res) => {
    req.session.cartItems = CART_ITEMS
    req.session.counter = 0
    res.send('seeded')
  })

  app.get('/cart', (req, res) => {
    res.render('cart', { cartItems: req.session.cartItems })
  })

  app.get('/count', (req, res) => {
    const counter = (req.session.counter || 0) + 1
    req.session.counter = counter
    res.type('text').send(String(counter))
  })

  app.get('/signup', (req, res) => {
    if (typeof req.session.csrfSecret !== 'string') req.session.csrfSecret = newSecret()
    res.render('signup_plain', {
      errors: req.flash('errors'),
      email: req.flash('email')[0],
      csrfToken: maskedToken(req.session.csrfSecret),
    })
  })

  app.post('/signup', (req, res) => {
    const body = req.body ?? {}
    if (!verifyToken(req.session.csrfSecret, body._csrf)) {
      res.status(403).send('Invalid CSRF token')
      return
    }
    const errors = validateSignup(body)
    if (errors.length > 0) {
      req.flash('email', body.email)
      req.flash('errors', errors as any)
      res.redirect(backUrl(req.get('Referer'), req.get('Host')))
      return
    }
    res.send('Welcome aboard')
  })

  const server = app.listen(settings.port, settings.host, () => {
    console.log(`express (${storeName}) listening on http://${settings.host}:${settings.port}`)
  })
  stopOn(async () => {
    server.close()
    server.closeIdleConnections()
    await Promise.all(closers.map((close) => close()))
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
