import { Route } from 'adonis-lite'

/** What every stack of the benchmark puts in a fresh session. */
const CART_ITEMS = [
  { sku: 'A-100', name: 'Espresso beans', quantity: 2, price: '12.50' },
  { sku: 'B-200', name: 'Milk jug', quantity: 1, price: '8.00' },
  { sku: 'C-300', name: 'Tamper', quantity: 1, price: '24.90' },
]

Route.on('/').render('welcome')

Route.get('/seed', function * (request, response) {
  yield request.session.put({ cartItems: CART_ITEMS, counter: 0 })
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
