import { Validator, type HandlerGenerator, type Request, type Response } from 'adonis-lite'

const rules = {
  email: 'required|email',
  password: 'required|min:6',
}

export default class UserController {
  * show (request: Request, response: Response) {
    yield response.sendView('signup')
  }

  * signup (request: Request, response: Response): HandlerGenerator {
    const validation = yield Validator.validate(rules, request.all())
    if (validation.fails()) {
      // Back to the form with what was typed (never the password) and the errors.
      yield request
        .withOut('password')
        .andWith({ errors: validation.messages() })
        .flash()
      return response.redirect('back')
    }
    // A new session id on sign-in: an id planted before it is worth nothing after.
    yield request.session.regenerate()
    yield request.session.put('userId', request.input('email'))
    response.route('account')
  }

  * account (request: Request, response: Response): HandlerGenerator {
    yield response.sendView('account', { email: yield request.session.get('userId') })
  }
}
