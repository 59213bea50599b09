import { Validator } from 'adonis-lite'

jest.mock('../../framework/validation/rule_parser', () => {
  const actual = jest.requireActual('../../framework/validation/rule_parser')
  return { ...actual, parseRules: jest.fn(actual.parseRules) }
})

const { parseRules } = jest.requireMock<{ parseRules: jest.Mock }>('../../framework/validation/rule_parser')

describe('Validator | compiling rules once', () => {
  beforeEach(() => parseRules.mockClear())

  it('parses a module-level rules object on its first use only', async () => {
    const rules = { email: 'required|email|max:200', password: 'required|min:6|max:72' }
    for (let index = 0; index < 5; index++) {
      await Validator.validate(rules, { email: 'a@b.co', password: 'secret' })
      await Validator.validateAll(rules, {})
    }
    expect(parseRules).toHaveBeenCalledTimes(2)
  })

  it('reuses compiled rule strings for rules objects built per request', async () => {
    for (let index = 0; index < 5; index++) {
      await Validator.validate({ title: 'required|max:120', body: 'required|min:10' }, {})
      await Validator.validate({ slug: ['required', 'regex:^(a|b)$'] }, {})
    }
    expect(parseRules).toHaveBeenCalledTimes(3)
  })

  it('does not parse anything when the module is loaded', () => {
    jest.isolateModules(() => {
      require('../../framework/validation/validator')
    })
    expect(parseRules).not.toHaveBeenCalled()
  })
})
