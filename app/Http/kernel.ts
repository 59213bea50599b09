/**
 * Middleware. Global ones run, in this order, on every request that matches a route; named
 * ones run on the routes that ask for them: Route.get(...).middleware(['auth']).
 */
export const globalMiddleware = [
  'Adonis/Middleware/BodyParser',
  'Adonis/Middleware/Shield',
  'Adonis/Middleware/Flash',
]

export const namedMiddleware = {
  auth: 'App/Http/Middleware/Auth',
}
