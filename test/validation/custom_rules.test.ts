import co from 'co'
import { Validator, ValidatorV3 } from 'adonis-lite'

const fields = (validation: { messages (): Array<{ field: string, validation: string, message: string }> }) =>
  validation.messages().map(({ field, validation: rule, message }) => `${field}.${rule}: ${message}`)

describe('Validator | extend', () => {
  it('runs a rule whose promise rejects to fail, with its message and placeholders', async () => {
    Validator.extend('nums', (data, field, message) => new Promise<void>((resolve, reject) => {
      const value = (data as Record<string, unknown>)[field]
      if (!value || typeof value === 'number') return resolve()
      reject(message)
    }), 'Enter a valid number for {{ field }}')
    expect(fields(await ValidatorV3.validate({ age: '20' }, { age: 'required|nums' }))).toEqual(['age.nums: Enter a valid number for age'])
    expect((await ValidatorV3.validate({ age: 20 }, { age: 'required|nums' })).fails()).toBe(false)
  })

  it('takes a plain boolean-returning function, and passes the rule its arguments and a getter for nested values', async () => {
    Validator.extend('multipleOf', (data, field, message, args, get) => Number(get(data, field)) % Number(args[0]) === 0)
    const rules = { 'order.quantity': 'multiple_of:6' }
    expect((await Validator.validate(rules, { order: { quantity: '12' } })).fails()).toBe(false)
    expect(fields(await Validator.validate(rules, { order: { quantity: '13' } }))).toEqual(['order.quantity.multiple_of: The order quantity field is not valid.'])
  })

  it('fails with the string a rule rejects with, and lets custom messages win over the rule\'s own', async () => {
    // A v3 rule rejects with the message itself, a string, as indicative's rules did.
    // eslint-disable-next-line prefer-promise-reject-errors
    Validator.extend('not_reserved', (data, field) => (data as Record<string, unknown>)[field] === 'root' ? Promise.reject('root is reserved') : Promise.resolve(), 'Reserved')
    expect(fields(await Validator.validate({ name: 'not_reserved' }, { name: 'root' }))).toEqual(['name.not_reserved: root is reserved'])
    Validator.extend('is_even', (data, field) => Number((data as Record<string, number>)[field]) % 2 === 0, 'Reserved')
    const validation = await Validator.validate({ n: 'is_even' }, { n: 3 }, { 'n.is_even': '{{ label }} must be even ({{ validation }})' })
    expect(fields(validation)).toEqual(['n.is_even: n must be even (is_even)'])
  })

  it('sees empty values too, as in AdonisJs 3, and runs in order with the built-in rules', async () => {
    const seen: unknown[] = []
    Validator.extend('spy', (data, field) => { seen.push((data as Record<string, unknown>)[field]); return true })
    await Validator.validateAll({ a: 'spy', b: 'required|spy', c: 'spy|email' }, { a: '', c: 'x' })
    expect(seen).toEqual(['', undefined, 'x'])
    const first = await Validator.validate({ c: 'email|spy' }, { c: 'x' })
    expect(fields(first)).toEqual(['c.email: The c field must be a valid email address.'])
  })

  it('keeps messages in the order of the rules while rules take their time', async () => {
    Validator.extend('slow', (data, field, message, args) => new Promise((resolve, reject) => setTimeout(() => reject(message), Number(args[0]))))
    const validation = await Validator.validateAll({ a: 'slow:30', b: 'required', c: 'slow:1' }, {})
    expect(validation.messages().map((message) => message.field)).toEqual(['a', 'b', 'c'])
  })

  it('rejects the validation, not the visitor, when a rule rejects with an Error or returns nothing', async () => {
    Validator.extend('database_down', () => Promise.reject(new Error('connection refused')))
    await expect(Validator.validate({ email: 'database_down' }, { email: 'a@b.co' })).rejects.toThrow('connection refused')
    Validator.extend('forgot_return', () => undefined as never)
    await expect(Validator.validate({ email: 'forgot_return' }, { email: 'a@b.co' })).rejects.toMatchObject({
      code: 'E_INVALID_CUSTOM_RULE_RESULT',
      message: expect.stringContaining("'forgot_return' (checking field 'email') returned undefined"),
    })
  })

  it('replaces a rule extended again, even in rules compiled before', async () => {
    const rules = { code: 'code_check' }
    Validator.extend('codeCheck', () => false)
    expect((await Validator.validate(rules, { code: 'x' })).fails()).toBe(true)
    Validator.extend('codeCheck', () => true)
    expect((await Validator.validate(rules, { code: 'x' })).fails()).toBe(false)
  })

  it('refuses bad names, functions and built-in rules when extend is called', () => {
    expect(() => Validator.extend('required', () => true)).toThrow("cannot replace the built-in rule 'required'")
    expect(() => Validator.extend('not a rule!', () => true)).toThrow(expect.objectContaining({ code: 'E_INVALID_VALIDATOR_EXTENSION' }))
    expect(() => Validator.extend('fine', 'nope' as never)).toThrow('needs a function (data, field, message, args, get)')
  })

  it('works from a generator controller driven by co', async () => {
    Validator.extend('unique_email', (data, field, message) => new Promise((resolve, reject) => setTimeout(() => reject(message), 1)), '{{field}} has already been taken by someone else')
    const messages = await co(function * () {
      const validation = yield ValidatorV3.validate({ email: 'a@b.co' }, { email: 'required|email|unique_email' })
      return validation.messages()
    })
    expect(messages).toEqual([{ field: 'email', validation: 'unique_email', message: 'email has already been taken by someone else' }])
  })
})
