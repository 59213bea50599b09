/**
 * Middleware. Global ones run, in this order, on every request that matches a route; named
 * ones run on the routes that ask for them: Route.get(...).middleware(['auth']).
 */
export const globalMiddleware = [
  // Answers cross-origin preflights before routing; off until config/cors.js sets an origin.
  'Adonis/Middleware/Cors',
  'Adonis/Middleware/BodyParser',
  'Adonis/Middleware/Shield',
  'Adonis/Middleware/Flash',
]

export const namedMiddleware = {
  auth: 'App/Http/Middleware/Auth',
}
