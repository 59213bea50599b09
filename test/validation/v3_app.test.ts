import { testClient, type AppClient } from 'adonis-lite/testing'
import { removeApp, tempApp } from '../helpers/apps'

/**
 * An app written the AdonisJs 3 way, over HTTP: ValidatorV3 (data first), a rule added with
 * Validator.extend whose promise rejects to fail, v3's default message template, and
 * Validator.sanitize before validating.
 */
const CONTROLLER = `import { ValidatorV3 as Validator, type HandlerGenerator, type Request, type Response } from 'adonis-lite'

const taken = new Set(['admin', 'virk'])

Validator.extend('unique', function (data, field, message, args, get) {
  return new Promise((resolve, reject) => {
    const value = get(data, field)
    if (!value) return resolve('validation skipped')
    if (args[0] === 'users' && taken.has(String(value))) return reject(message)
    resolve('validation passed')
  })
}, '{{field}} has already been taken by someone else')

const rules = {
  username: 'required|alpha_numeric|unique:users',
  email: 'required|email',
  age: 'required|above:17',
  starts_on: 'date_format:YYYY-MM-DD|after:2020-01-01',
  state: 'required_when:country,US',
}
const messages = { required: '{{validation}} validation failed on {{field}}', 'email.email': 'Enter a valid email address' }

export default class UserController {
  * store (request: Request, response: Response): HandlerGenerator {
    const data = Validator.sanitize(request.all(), { email: 'normalize_email', username: 'strip_tags|trim_spaces' })
    const validation = yield Validator.validateAll(data, rules, messages)
    if (validation.fails()) return response.status(422).json(validation.messages())
    response.json({ saved: data, adult: Validator.is.above(data.age, 17) })
  }
}
`

describe('Validator | an AdonisJs 3 app over HTTP', () => {
  let root: string
  let app: AppClient
  beforeAll(async () => {
    root = tempApp({
      'app/Http/kernel.ts': "export const globalMiddleware = ['Adonis/Middleware/BodyParser']\n",
      'app/Http/Controllers/UserController.ts': CONTROLLER,
      'start/routes.ts': `import { Route, ValidatorV3 } from 'adonis-lite'
ValidatorV3.sanitizor.extend('trimSpaces', (value) => typeof value === 'string' ? value.replace(/ +/g, ' ').trim() : value)
Route.post('/users', 'UserController.store')
`,
    })
    app = await testClient(root)
  })
  afterAll(async () => {
    await app.close()
    removeApp(root)
  })

  it('passes a good form post, sanitized', async () => {
    const response = await app.post('/users', { username: ' <b>ann</b>  ', email: 'Ann.Lee+news@GoogleMail.com', age: '30', starts_on: '2024-02-29' })
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ saved: { username: 'ann', email: 'annlee@gmail.com', age: '30', starts_on: '2024-02-29' }, adult: true })
  })

  it("reports every failure with v3 placeholders, custom messages and the extended rule's own message", async () => {
    const response = await app.post('/users', { username: 'virk', email: 'nope', starts_on: '2019-12-31', country: 'US' })
    expect(response.status).toBe(422)
    expect(response.json()).toEqual([
      { field: 'username', validation: 'unique', message: 'username has already been taken by someone else' },
      { field: 'email', validation: 'email', message: 'Enter a valid email address' },
      { field: 'age', validation: 'required', message: 'required validation failed on age' },
      { field: 'starts_on', validation: 'after', message: 'The starts on field must be a date after 2020-01-01.' },
      { field: 'state', validation: 'required_when', message: 'The state field is required when country is US.' },
    ])
  })

  it('takes the same values from a JSON body', async () => {
    const response = await app.post('/users', { username: 'ann', email: 'ann@example.com', age: 17 }, { json: true })
    expect(response.status).toBe(422)
    expect(response.json()).toEqual([{ field: 'age', validation: 'above', message: 'The age field must be above 17.' }])
  })
})
