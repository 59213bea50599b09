import { Validator, type HandlerGenerator, type Request, type Response } from 'adonis-lite'

const rules = {
  email: 'required|email',
  password: 'required',
}

export default class UserController {
  * show (request: Request, response: Response): HandlerGenerator {
    yield response.sendView('signup')
  }

  * signup (request: Request, response: Response): HandlerGenerator {
    const validation = yield Validator.validate(rules, request.all())
    if (validation.fails()) {
      yield request.withOut('password').andWith({ errors: validation.messages() }).flash()
      return response.redirect('back')
    }
    response.send('Welcome aboard')
  }
}
