import { Validator } from 'adonis-lite'
import { humanise } from '../../framework/validation/messages'

async function messageFor (rules: string, data: Record<string, unknown>, messages?: Record<string, string>) {
  const validation = await Validator.validate({ [Object.keys(data)[0] ?? 'field']: rules }, data, messages)
  return validation.messages()[0]?.message
}

describe('Validator | default messages', () => {
  it('reads well for the people filling in the form', async () => {
    expect(await messageFor('required', { email: '' })).toBe('The email field is required.')
    expect(await messageFor('email', { email: 'nope' })).toBe('The email field must be a valid email address.')
    expect(await messageFor('url', { website: 'nope' })).toBe('The website field must be a valid URL.')
    expect(await messageFor('number', { age: 'x' })).toBe('The age field must be a number.')
    expect(await messageFor('integer', { age: '1.5' })).toBe('The age field must be a whole number.')
    expect(await messageFor('boolean', { remember: 'x' })).toBe('The remember field must be true or false.')
    expect(await messageFor('date', { birthday: 'x' })).toBe('The birthday field must be a valid date.')
    expect(await messageFor('alpha', { name: 'R2' })).toBe('The name field may only contain letters.')
    expect(await messageFor('alpha_numeric', { name: 'R-2' })).toBe('The name field may only contain letters and numbers.')
    expect(await messageFor('in:red,green', { colour: 'blue' })).toBe('The colour field must be one of: red, green.')
    expect(await messageFor('not_in:admin,root', { username: 'root' })).toBe('This username is not allowed.')
    expect(await messageFor('regex:^[a-z]+$', { slug: 'A' })).toBe('The slug field format is invalid.')
    expect(await messageFor('accepted', { terms: 'no' })).toBe('The terms field must be accepted.')
    expect(await messageFor('array', { tags: 'a' })).toBe('The tags field must be a list.')
    expect(await messageFor('object', { profile: 'a' })).toBe('The profile field must be an object.')
    expect(await messageFor('confirmed', { password: 'a' })).toBe('The password confirmation does not match.')
    expect(await messageFor('same:password', { password_again: 'a', password: 'b' })).toBe('The password again and password fields must match.')
    expect(await messageFor('different:old_password', { new_password: 'a', old_password: 'a' }))
      .toBe('The new password and old password fields must be different.')
  })

  it('says characters, items or nothing for min, max and between, by what is measured', async () => {
    expect(await messageFor('min:6', { password: 'abc' })).toBe('The password field must be at least 6 characters.')
    expect(await messageFor('integer|min:18', { age: '17' })).toBe('The age field must be at least 18.')
    expect(await messageFor('min:2', { tags: ['a'] })).toBe('The tags field must have at least 2 items.')
    expect(await messageFor('min:1', { name: [] })).toBe('The name field must have at least 1 item.')
    expect(await messageFor('max:1', { initial: 'ab' })).toBe('The initial field must be at most 1 character.')
    expect(await messageFor('max:3', { code: 'abcd' })).toBe('The code field must be at most 3 characters.')
    expect(await messageFor('number|max:120', { age: 121 })).toBe('The age field must be at most 120.')
    expect(await messageFor('max:2', { age: 121 })).toBe('The age field must be at most 2 characters.')
    expect(await messageFor('max:1', { tags: ['a', 'b'] })).toBe('The tags field must have at most 1 item.')
    expect(await messageFor('integer|between:18,120', { age: '12' })).toBe('The age field must be between 18 and 120.')
    expect(await messageFor('between:6,20', { password: 'abc' })).toBe('The password field must be between 6 and 20 characters.')
  })

  it('names fields in words: dots, underscores, dashes and camel case become spaces', () => {
    expect(humanise('email')).toBe('email')
    expect(humanise('first_name')).toBe('first name')
    expect(humanise('profile.username')).toBe('profile username')
    expect(humanise('firstName')).toBe('first name')
    expect(humanise('billing-address.zipCode')).toBe('billing address zip code')
  })

  it('uses the readable name for nested fields', async () => {
    const validation = await Validator.validate({ 'profile.username': 'required' }, { profile: {} })
    expect(validation.messages()).toEqual([
      { field: 'profile.username', validation: 'required', message: 'The profile username field is required.' },
    ])
  })
})

describe('Validator | custom messages', () => {
  const rules = { email: 'required|email', password: 'required|min:6', age: 'integer|between:18,120' }

  it('prefers field.rule over rule over the default', async () => {
    const messages = { 'email.required': 'Email please', required: 'The {{ field }} is needed' }
    const validation = await Validator.validate(rules, {}, messages)
    expect(validation.messages().map((message) => message.message)).toEqual(['Email please', 'The password is needed'])
  })

  it('interpolates field, label, validation and arguments', async () => {
    const messages = {
      min: 'At least {{ argument.0 }} for {{field}}',
      between: '{{ label }}: {{ validation }} {{ argument.0 }} and {{ argument.1 }} ({{ argument }})',
    }
    const validation = await Validator.validate({ ...rules, age_limit: 'integer|between:18,120' }, { email: 'a@b.co', password: 'abc', age_limit: '7' }, messages)
    expect(validation.messages().map((message) => message.message)).toEqual([
      'At least 6 for password',
      'age limit: between 18 and 120 (18, 120)',
    ])
  })

  it('leaves unknown placeholders as written, so a typo shows', async () => {
    const validation = await Validator.validate({ email: 'required' }, {}, { required: '{{ feild }} is required {{ argument.3 }}' })
    expect(validation.messages()[0]!.message).toBe('{{ feild }} is required {{ argument.3 }}')
  })

  it('calls message functions with the field, the rule and its arguments', async () => {
    const validation = await Validator.validate({ password: 'min:6' }, { password: 'abc' }, {
      min: (field, validation, args) => `${field}/${validation}/${args.join('+')}`,
    })
    expect(validation.messages()[0]!.message).toBe('password/min/6')
  })

  it('finds messages for nested fields by their dotted name', async () => {
    const validation = await Validator.validate({ 'profile.username': 'required' }, {}, { 'profile.username.required': 'Pick a username' })
    expect(validation.messages()[0]!.message).toBe('Pick a username')
  })

  it('ignores inherited keys of the messages object', async () => {
    const validation = await Validator.validate({ constructor: 'required' }, {}, {})
    expect(validation.messages()[0]!.message).toBe('The constructor field is required.')
  })
})
