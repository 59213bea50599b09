import { fileURLToPath } from 'node:url'
import router from '@adonisjs/core/services/router'
import nunjucks from 'nunjucks'
import { backUrl } from '../../shared/back.ts'
import { maskedToken, newSecret, verifyToken } from '../../shared/csrf.ts'
import { CART_ITEMS } from '../../shared/fixtures.ts'
import { fillerRoutes } from '../../shared/routes.ts'
import { validateSignup } from '../../shared/validate.ts'
import { middleware } from './kernel.js'

// The shared views folder, found from this file (the TypeScript loader gives shared/fixtures.ts's __dirname wrong under ESM).
const VIEWS_DIR = fileURLToPath(new URL('../../../views', import.meta.url))
const views = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR), { autoescape: true })
const html = (response, body) => response.header('content-type', 'text/html; charset=utf-8').send(body)

// BENCH_ROUTES: the app grows to that many routes, the extra ones defined before its own.
for (const { method, path } of fillerRoutes(Number(process.env.BENCH_ROUTES || 0), 6)) {
  router.route(path, [method], ({ response }) => response.send(path))
}

router.get('/', ({ response }) => html(response, views.render('welcome.njk')))

router.group(() => {
  router.get('/seed', ({ session, request, response }) => {
    session.put('cartItems', CART_ITEMS)
    session.put('counter', 0)
    const padding = Number(request.qs().bytes || 0)
    if (padding > 0) session.put('padding', 'x'.repeat(padding))
    response.send('seeded')
  })

  router.get('/cart', ({ session, response }) => html(response, views.render('cart.njk', { cartItems: session.get('cartItems') })))

  router.get('/count', ({ session, response }) => {
    const counter = (session.get('counter') || 0) + 1
    session.put('counter', counter)
    response.send(String(counter))
  })

  router.get('/signup', ({ session, response }) => {
    let secret = session.get('csrfSecret')
    if (typeof secret !== 'string') session.put('csrfSecret', secret = newSecret())
    html(response, views.render('signup_plain.njk', {
      errors: session.flashMessages.get('errors'),
      email: session.flashMessages.get('email'),
      csrfToken: maskedToken(secret),
    }))
  })

  router.post('/signup', ({ session, request, response }) => {
    const body = request.body()
    if (!verifyToken(session.get('csrfSecret'), body._csrf)) return response.status(403).send('Invalid CSRF token')
    const errors = validateSignup(body)
    if (errors.length > 0) {
      session.flash('email', body.email)
      session.flash('errors', errors)
      return response.redirect(backUrl(request.header('referer'), request.header('host')))
    }
    response.send('Welcome aboard')
  })
}).use(middleware.session())
