import { Validator } from 'adonis-lite'

/** The failed rules of one field, `value`, given the other fields. */
async function failed (rule: string, data: Record<string, unknown>) {
  const validation = await Validator.validateAll({ value: rule }, data)
  return validation.messages().map((message) => message.validation)
}

describe('Validator | rules that depend on other fields', () => {
  it('required_if requires the field while the other one is given', async () => {
    expect(await failed('required_if:password', {})).toEqual([])
    expect(await failed('required_if:password', { password: 'x' })).toEqual(['required_if'])
    expect(await failed('required_if:password', { password: 'x', value: '' })).toEqual(['required_if'])
    expect(await failed('required_if:password', { password: 'x', value: 'y' })).toEqual([])
    // null, '', false and 0 leave the other field not given, as in AdonisJs 3.
    for (const password of [null, '', false, 0]) expect(await failed('required_if:password', { password })).toEqual([])
  })

  it('required_when requires the field while the other one holds the value, compared as text', async () => {
    expect(await failed('required_when:country,US', {})).toEqual([])
    expect(await failed('required_when:country,US', { country: 'UK' })).toEqual([])
    expect(await failed('required_when:country,US', { country: 'US' })).toEqual(['required_when'])
    expect(await failed('required_when:country,US', { country: 'US', value: 'NY' })).toEqual([])
    expect(await failed('required_when:plan,1', { plan: 1 })).toEqual(['required_when'])
  })

  it('required_with_any and required_with_all require the field when some or all others are given', async () => {
    expect(await failed('required_with_any:username,email', {})).toEqual([])
    expect(await failed('required_with_any:username,email', { email: 'a@b.co' })).toEqual(['required_with_any'])
    expect(await failed('required_with_all:username,email', { email: 'a@b.co' })).toEqual([])
    expect(await failed('required_with_all:username,email', { email: 'a@b.co', username: 'a', value: null })).toEqual(['required_with_all'])
    expect(await failed('required_with_all:username,email', { email: 'a@b.co', username: 'a', value: 'x' })).toEqual([])
  })

  it('required_without_any and required_without_all require the field when some or all others are missing', async () => {
    expect(await failed('required_without_any:username,email', { username: 'a', email: 'b' })).toEqual([])
    expect(await failed('required_without_any:username,email', { username: 'a' })).toEqual(['required_without_any'])
    expect(await failed('required_without_all:username,email', { username: 'a' })).toEqual([])
    expect(await failed('required_without_all:username,email', {})).toEqual(['required_without_all'])
    expect(await failed('required_without_all:username,email', { value: 'x' })).toEqual([])
  })

  it('reads the other fields by dotted path and says which in its message', async () => {
    const validation = await Validator.validate({ state: 'required_when:address.country,US' }, { address: { country: 'US' } })
    expect(validation.messages()).toEqual([{ field: 'state', validation: 'required_when', message: 'The state field is required when address country is US.' }])
    const any = await Validator.validate({ phone: 'required_without_any:email,fax_number' }, {})
    expect(any.messages()[0]!.message).toBe('The phone field is required when email or fax number is missing.')
  })

  it('lets the other rules of the field judge it once given, and skip it while not required', async () => {
    expect(await failed('required_if:password|min:6', { password: 'x', value: 'abc' })).toEqual(['min'])
    expect(await failed('required_if:password|min:6', {})).toEqual([])
  })
})
