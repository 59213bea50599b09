import { Route } from 'adonis-lite'
import { fillerRoutes } from '../../shared/routes'

/** What every stack of the benchmark puts in a fresh session. */
const CART_ITEMS = [
  { sku: 'A-100', name: 'Espresso beans', quantity: 2, price: '12.50' },
  { sku: 'B-200', name: 'Milk jug', quantity: 1, price: '8.00' },
  { sku: 'C-300', name: 'Tamper', quantity: 1, price: '24.90' },
]

// BENCH_ROUTES: the app grows to that many routes, the extra ones defined before its own.
for (const { method, path } of fillerRoutes(Number(process.env.BENCH_ROUTES || 0), 6)) {
  Route.match([method], path, (request, response) => { response.send(path) })
}

Route.on('/').render('welcome')

Route.get('/seed', function * (request, response) {
  yield request.session.put({ cartItems: CART_ITEMS, counter: 0 })
  // ?bytes=N: a session that big, for the session size rows of the scaling table.
  const bytes = Number(request.input('bytes', 0))
  if (bytes > 0) yield request.session.put('padding', 'x'.repeat(bytes))
  response.send('seeded')
})

Route.get('/cart', function * (request, response) {
  const cartItems = yield request.session.get('cartItems')
  yield response.sendView('cart', { cartItems })
})

Route.get('/count', function * (request, response) {
  const counter = (yield request.session.get('counter', 0)) + 1
  yield request.session.put('counter', counter)
  response.send(String(counter))
})

Route.get('/signup', 'UserController.show').as('signup')
Route.post('/signup', 'UserController.signup')
