import type { HandlerGenerator, Next, Request, Response } from 'adonis-lite'

/** Lets signed-in visitors through; sends everyone else to the sign-up page. */
export default class Auth {
  * handle (request: Request, response: Response, next: Next): HandlerGenerator {
    if (!(yield request.session.get('userId'))) return response.route('signup')
    yield next
  }
}
