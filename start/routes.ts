import { Route } from 'adonis-lite'

Route.on('/').render('welcome')

// 200 while the app can serve, 503 when its session store cannot: for load balancers.
Route.get('/health', 'HealthController.show').as('health')

Route.get('/cart', function * (request, response) {
  const cartItems = yield request.session.get('cartItems')
  yield response.sendView('cart', { cartItems })
})

Route.post('/cart', function * (request, response) {
  const item = String(request.input('item', '')).trim()
  if (item) {
    const cartItems = (yield request.session.get('cartItems', [])) as string[]
    yield request.session.put('cartItems', [...cartItems, item])
  }
  response.redirect('back')
})

Route.get('/signup', 'UserController.show').as('signup')
Route.post('/signup', 'UserController.signup')
Route.get('/account', 'UserController.account').as('account').middleware(['auth'])
