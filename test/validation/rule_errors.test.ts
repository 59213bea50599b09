import { Validator } from 'adonis-lite'

/** The rejection of validating with the given rules for field 'email'. */
async function rejection (rules: unknown): Promise<{ code: string, message: string }> {
  try {
    await Validator.validate({ email: rules } as never, { email: 'a@b.co' })
  } catch (error) {
    return error as { code: string, message: string }
  }
  throw new Error(`rules ${JSON.stringify(rules)} were accepted`)
}

describe('Validator | mistakes in rules', () => {
  it('names the field, the unknown rule and the known ones', async () => {
    const error = await rejection('required|emial')
    expect(error.code).toBe('E_UNKNOWN_VALIDATION_RULE')
    expect(error.message).toContain("'emial'")
    expect(error.message).toContain("'email'")
    expect(error.message).toContain('alpha, alpha_numeric, array, before')
  })

  it('rejects the promise instead of throwing, so yield and await see it', () => {
    const pending = Validator.validate({ email: 'nope' }, {})
    expect(pending).toBeInstanceOf(Promise)
    return expect(pending).rejects.toMatchObject({ code: 'E_UNKNOWN_VALIDATION_RULE' })
  })

  it('rejects at every validation with the faulty rules, not only the first', async () => {
    const rules = { email: 'required|mail' }
    await expect(Validator.validate(rules, {})).rejects.toMatchObject({ code: 'E_UNKNOWN_VALIDATION_RULE' })
    await expect(Validator.validateAll(rules, {})).rejects.toMatchObject({ code: 'E_UNKNOWN_VALIDATION_RULE' })
  })

  const malformed: Array<[rules: unknown, quoted: string, problem: string]> = [
    ['required||email', "'required||email'", 'empty rule'],
    ['required|', "'required|'", 'empty rule'],
    ['min', "'min'", "needs one number, as in 'min:6'"],
    ['min:abc', "'min:abc'", 'needs one number'],
    ['max:1,2', "'max:1,2'", 'needs one number'],
    ['between:18', "'between:18'", "needs two numbers, as in 'between:18,120'"],
    ['between:120,18', "'between:120,18'", 'minimum above its maximum'],
    ['in:', "'in:'", 'needs at least one value'],
    ['not_in', "'not_in'", 'needs at least one value'],
    ['same', "'same'", 'needs the name of another field'],
    ['different:', "'different:'", 'needs the name of another field'],
    ['required:yes', "'required:yes'", 'takes no arguments'],
    ['regex:', "'regex:'", 'needs a pattern'],
    ['regex:^(a', "'regex:^(a'", 'invalid pattern'],
    [':6', "':6'", 'is not a rule name'],
    ['Required', "'Required'", 'is not a rule name'],
    [['required|email'], "'required|email'", 'give one rule per array element'],
    [[42], "'42'", 'must be a string'],
    [42, "'42'", 'must be a rule string'],
    [{ required: true }, '\'{"required":true}\'', 'or a yup schema'],
  ]
  for (const [rules, quoted, problem] of malformed) {
    it(`explains what is wrong with ${JSON.stringify(rules)}`, async () => {
      const error = await rejection(rules)
      expect(error.code).toBe('E_INVALID_VALIDATION_RULE')
      expect(error.message).toContain("field 'email'")
      expect(error.message).toContain(quoted)
      expect(error.message).toContain(problem)
    })
  }

  it('points at the array form when a regex pattern holding | was cut in two', async () => {
    for (const rules of ['required|regex:^(a|b)$', 'regex:^a|b$', 'regex:^a|b', 'regex:a|min|b']) {
      const error = await rejection(rules)
      expect(error.code).toBe('E_INVALID_VALIDATION_RULE')
      expect(error.message).toContain("give the rules as an array: ['required', 'regex:^(a|b)$']")
    }
  })

  it('refuses rules that are not an object', async () => {
    await expect(Validator.validate('required' as never, {})).rejects.toThrow(TypeError)
    await expect(Validator.validate(null as never, {})).rejects.toThrow(/rules must be an object/)
  })

  it('accepts an empty rule string as no rules, and spaces around rules and arguments', async () => {
    expect((await Validator.validate({ email: '' }, {})).fails()).toBe(false)
    const validation = await Validator.validateAll({ age: ' integer | between: 18 , 120 ' }, { age: '12' })
    expect(validation.messages().map((message) => message.validation)).toEqual(['between'])
  })
})

describe('Validator | field names', () => {
  it('refuses * in field names instead of checking a field literally named *', async () => {
    const pending = Validator.validate({ 'items.*.name': 'required' }, { items: [{ name: 'a' }] })
    await expect(pending).rejects.toMatchObject({ code: 'E_INVALID_VALIDATION_RULE' })
    await expect(Validator.validate({ 'items.*.name': 'required' }, {})).rejects.toThrow('{ items: yup.array(...) }')
  })

  it('keeps rules after a regex that has no |', async () => {
    const rules = { code: 'regex:^[a-z]+$|required|max:3' }
    expect((await Validator.validateAll(rules, {})).messages().map((message) => message.validation)).toEqual(['required'])
    expect((await Validator.validateAll(rules, { code: 'abcd' })).messages().map((message) => message.validation)).toEqual(['max'])
  })
})

describe('Validator | describing odd rules', () => {
  it('names a typo after a regex with the known rules and the array hint', async () => {
    await expect(Validator.validate({ code: 'regex:^a$|requird' }, {})).rejects.toThrow(/'requird'.*known rules: above, accepted.*give the rules as an array/)
  })

  it('describes rules that cannot be printed as JSON', async () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    await expect(Validator.validate({ code: cycle } as never, {})).rejects.toThrow("Validation rule '[object Object]' for field 'code'")
  })
})
