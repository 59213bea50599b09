/** The benchmark app's middleware: the same three a sign-up form needs in the demo app. */
export const globalMiddleware = [
  'Adonis/Middleware/BodyParser',
  'Adonis/Middleware/Shield',
  'Adonis/Middleware/Flash',
]

export const namedMiddleware = {}
