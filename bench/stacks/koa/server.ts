/**
 * The Koa peer: Koa 3 + koa-router + koa-session + Nunjucks, the way a Koa user writes the
 * benchmark's pages. STORE picks koa-session's store: 'cookie' (its default, the session in
 * a signed cookie), 'redis' (the small ioredis store below), or 'bare' (Koa + koa-router and
 * no session at all: the plain page, and the cart page with fixed items, which is the most a
 * Koa app can do on S1).
 */
import Koa from 'koa'
import Router from 'koa-router'
import { createSession } from 'koa-session'
import parseBody from 'co-body'
import Redis from 'ioredis'
import nunjucks from 'nunjucks'
import { backUrl } from '../shared/back'
import { maskedToken, newSecret, verifyToken } from '../shared/csrf'
import { CART_ITEMS, SESSION_AGE_MS, VIEWS_DIR, serverSettings, stopOn } from '../shared/fixtures'
import { fillerRoutes } from '../shared/routes'
import { validateSignup } from '../shared/validate'
import { redisSessionStore } from './redis_store'

const settings = serverSettings()
const store = process.env.STORE || 'cookie'
const views = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR), { autoescape: true })

/** The part of koa-router used here (koa-router 14 ships no types). */
interface KoaRouter {
  get (path: string, handler: Koa.Middleware): void
  post (path: string, handler: Koa.Middleware): void
  put (path: string, handler: Koa.Middleware): void
  routes (): Koa.Middleware
  allowedMethods (): Koa.Middleware
}

const app = new Koa()
app.keys = [process.env.APP_KEY || 'a-benchmark-key-of-thirty-two-characters']
const router = new Router() as unknown as KoaRouter
let redis: Redis | null = null

// BENCH_ROUTES: the app grows to that many routes, the extra ones defined before its own.
for (const { method, path } of fillerRoutes(Number(process.env.BENCH_ROUTES || 0), store === 'bare' ? 3 : 6)) {
  router[method === 'GET' ? 'get' : 'put'](path, (ctx) => { ctx.body = path })
}

router.get('/', (ctx) => {
  ctx.type = 'html'
  ctx.body = views.render('welcome.njk')
})

if (store === 'bare') {
  router.get('/seed', (ctx) => { ctx.body = 'seeded' })
  router.get('/cart', (ctx) => {
    ctx.type = 'html'
    ctx.body = views.render('cart.njk', { cartItems: CART_ITEMS })
  })
} else {
  if (store === 'redis') redis = new Redis(settings.redisUrl)
  else if (store !== 'cookie') throw new Error(`STORE must be cookie, redis or bare, not '${store}'`)
  app.use(createSession({
    key: 'koa.sess',
    maxAge: SESSION_AGE_MS,
    httpOnly: true,
    sameSite: 'lax',
    ...(redis ? { store: redisSessionStore(redis, settings.redisPrefix) } : {}),
  }, app))
  app.use(flash)

  router.get('/seed', (ctx) => {
    ctx.session!.cartItems = CART_ITEMS
    ctx.session!.counter = 0
    const bytes = Number(ctx.query.bytes || 0)
    if (bytes > 0) ctx.session!.padding = 'x'.repeat(bytes)
    ctx.body = 'seeded'
  })

  router.get('/cart', (ctx) => {
    ctx.type = 'html'
    ctx.body = views.render('cart.njk', { cartItems: ctx.session!.cartItems })
  })

  router.get('/count', (ctx) => {
    const counter = (ctx.session!.counter || 0) + 1
    ctx.session!.counter = counter
    ctx.body = String(counter)
  })

  router.get('/signup', (ctx) => {
    const old = ctx.state.flashed() ?? {}
    ctx.type = 'html'
    ctx.body = views.render('signup_plain.njk', { errors: old.errors, email: old.email, csrfToken: csrfToken(ctx) })
  })

  router.post('/signup', async (ctx) => {
    const body = await parseBody.form(ctx)
    if (!verifyToken(ctx.session!.csrfSecret, body._csrf)) ctx.throw(403, 'Invalid CSRF token')
    const errors = validateSignup(body)
    if (errors.length > 0) {
      ctx.state.flash({ email: body.email, errors })
      ctx.redirect(backUrl(ctx.get('Referer'), ctx.host))
      return
    }
    ctx.body = 'Welcome aboard'
  })
}

app.use(router.routes())
app.use(router.allowedMethods())

/** The minimal flash there is no maintained package for: values kept in the session for the next request. */
async function flash (ctx: Koa.Context, next: Koa.Next): Promise<void> {
  let incoming: Record<string, any> | null | undefined
  ctx.state.flash = (values: Record<string, unknown>) => { ctx.session!.flash = values }
  ctx.state.flashed = () => {
    if (incoming === undefined) {
      incoming = ctx.session!.flash ?? null
      if (incoming) delete ctx.session!.flash
    }
    return incoming
  }
  await next()
}

function csrfToken (ctx: Koa.Context): string {
  if (typeof ctx.session!.csrfSecret !== 'string') ctx.session!.csrfSecret = newSecret()
  return maskedToken(ctx.session!.csrfSecret)
}

const server = app.listen(settings.port, settings.host, () => {
  console.log(`koa (${store}) listening on http://${settings.host}:${settings.port}`)
})
stopOn(async () => {
  server.close()
  server.closeIdleConnections()
  await redis?.quit()
})
