import { Validator, ValidatorV3 } from 'adonis-lite'

describe('Validator | argument order', () => {
  it('Validator takes (rules, data, messages), ValidatorV3 AdonisJs 3\'s (data, rules, messages)', async () => {
    const rules = { email: 'required|email' }
    const data = { email: 'nope' }
    const messages = { email: 'Bad {{ field }}' }
    const seedOrder = await Validator.validate(rules, data, messages)
    const v3Order = await ValidatorV3.validate(data, rules, messages)
    expect(v3Order.messages()).toEqual(seedOrder.messages())
    expect(v3Order.messages()).toEqual([{ field: 'email', validation: 'email', message: 'Bad email' }])
    expect((await ValidatorV3.validateAll({}, { a: 'required', b: 'required' })).messages().map((message) => message.field)).toEqual(['a', 'b'])
  })

  it('never swaps the arguments, even when the request data looks like rules', async () => {
    // A visitor posts values shaped like rules that would pass the app's own data.
    const posted = { email: 'string', password: 'string' }
    const rules = { email: 'required|email', password: 'required|min:8' }
    const validation = await ValidatorV3.validateAll(posted, rules)
    expect(validation.messages().map((message) => message.validation)).toEqual(['email', 'min'])
    const seed = await Validator.validateAll(rules, posted)
    expect(seed.messages()).toEqual(validation.messages())
  })

  it('says that the arguments may be swapped when the rules are not rules', async () => {
    await expect(Validator.validate({ email: 'someone@example.com' }, { email: 'required' })).rejects.toThrow(
      "Validation rule 'someone@example.com' for field 'email' is not a rule name such as 'required' or 'min:6'. " +
      "If these are the request's values, the arguments are swapped: Validator.validate takes (rules, data); " +
      'ValidatorV3.validate takes (data, rules) as AdonisJs 3 did')
  })

  it('shares extend, is, sanitize and sanitizor between both', () => {
    expect(ValidatorV3.is).toBe(Validator.is)
    expect(ValidatorV3.sanitizor).toBe(Validator.sanitizor)
    expect(ValidatorV3.sanitize).toBe(Validator.sanitize)
    expect(ValidatorV3.extend).toBe(Validator.extend)
    expect(Object.isFrozen(Validator) && Object.isFrozen(ValidatorV3)).toBe(true)
  })
})
