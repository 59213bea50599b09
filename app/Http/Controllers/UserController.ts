import type { Request, Response } from 'adonis-lite'

export default class UserController {
  * show (request: Request, response: Response) {
    yield response.sendView('signup')
  }
}
