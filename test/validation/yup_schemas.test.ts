import * as yup from 'yup'
import { Validator } from 'adonis-lite'

const signup = yup.object({
  email: yup.string().required().email(),
  password: yup.string().required().min(6),
  profile: yup.object({
    username: yup.string().required().matches(/^[a-z]+$/),
  }),
  items: yup.array(yup.object({ name: yup.string().required(), quantity: yup.number().required().min(1) })),
})

const pairs = (messages: Array<{ field: string, validation: string }>) => messages.map(({ field, validation }) => `${field}.${validation}`)

describe('Validator | yup schemas', () => {
  it('validates a whole-data yup schema, listing failures in the order its fields are declared', async () => {
    const data = { password: 'abc', email: 'x', items: [{ quantity: 0 }, { name: 'pen' }], profile: { username: 'Ada' } }
    const validation = await Validator.validateAll(signup, data)
    expect(pairs(validation.messages())).toEqual([
      'email.email', 'password.min', 'profile.username.matches',
      'items.0.name.required', 'items.0.quantity.min', 'items.1.quantity.required',
    ])
    expect(validation.messages()[0]).toEqual({ field: 'email', validation: 'email', message: 'email must be a valid email' })
  })

  it('reports yup\'s required test as required, so messages keyed by required find it', async () => {
    const validation = await Validator.validate(signup, {}, { 'email.required': 'Email please', required: '{{ field }} is missing' })
    expect(validation.messages()).toEqual([
      { field: 'email', validation: 'required', message: 'Email please' },
      { field: 'password', validation: 'required', message: 'password is missing' },
      { field: 'profile.username', validation: 'required', message: 'profile.username is missing' },
    ])
  })

  it('validate keeps the first failure of each field, validateAll every one', async () => {
    const schema = yup.object({ code: yup.string().min(3).matches(/^\d+$/) })
    expect(pairs((await Validator.validate(schema, { code: 'a' })).messages())).toEqual(['code.min'])
    expect(pairs((await Validator.validateAll(schema, { code: 'a' })).messages())).toEqual(['code.min', 'code.matches'])
  })

  it('passes {{ argument.0 }} the limits of yup\'s tests', async () => {
    const validation = await Validator.validate(signup, { email: 'a@b.co', password: 'abc', profile: { username: 'ada' } }, {
      'password.min': 'At least {{ argument.0 }} characters for {{ label }}',
    })
    expect(validation.messages()).toEqual([{ field: 'password', validation: 'min', message: 'At least 6 characters for password' }])
  })

  it('accepts a yup schema for one field among rule strings, keeping field order', async () => {
    const rules = {
      name: 'required',
      email: yup.string().required().email('Give a real email address'),
      address: yup.object({ city: yup.string().required(), zip: yup.string().length(5) }),
      age: 'integer',
    }
    const validation = await Validator.validateAll(rules, { email: 'nope', address: { zip: '123' }, age: 'x' })
    expect(validation.messages()).toEqual([
      { field: 'name', validation: 'required', message: 'The name field is required.' },
      { field: 'email', validation: 'email', message: 'Give a real email address' },
      { field: 'address.city', validation: 'required', message: 'address.city is a required field' },
      { field: 'address.zip', validation: 'length', message: 'address.zip must be exactly 5 characters' },
      { field: 'age', validation: 'integer', message: 'The age field must be a whole number.' },
    ])
    expect((await Validator.validate(rules, { name: 'a', email: 'a@b.co', address: { city: 'Oslo' } })).fails()).toBe(false)
  })

  it('lets a field schema read other fields through yup context', async () => {
    const rules = { password: 'required', again: yup.string().oneOf([yup.ref('$password')], 'Passwords differ') }
    expect((await Validator.validate(rules, { password: 'secret', again: 'secret' })).fails()).toBe(false)
    expect((await Validator.validate(rules, { password: 'secret', again: 'other' })).messages()[0]!.message).toBe('Passwords differ')
  })

  it('runs async yup tests', async () => {
    const taken = yup.string().test('unique', 'That name is taken', async (value) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return value !== 'admin'
    })
    expect((await Validator.validate({ name: taken }, { name: 'ada' })).fails()).toBe(false)
    expect((await Validator.validate({ name: taken }, { name: 'admin' })).messages())
      .toEqual([{ field: 'name', validation: 'unique', message: 'That name is taken' }])
  })

  it('lets errors other than validation failures through', async () => {
    const broken = yup.object({ name: yup.string().test('boom', 'x', () => { throw new Error('database down') }) })
    await expect(Validator.validate(broken, { name: 'a' })).rejects.toThrow('database down')
  })
})

describe('Validator | yup schemas and missing input', () => {
  it('treats missing data as an empty object', async () => {
    const schema = yup.object({ email: yup.string().required() })
    for (const data of [undefined, null]) {
      expect((await Validator.validate(schema, data)).messages()).toEqual([
        { field: 'email', validation: 'required', message: 'email is a required field' },
      ])
    }
  })
})
