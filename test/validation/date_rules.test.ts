import { Validator } from 'adonis-lite'

async function failed (rule: string, value: unknown) {
  const validation = await Validator.validateAll({ value: rule }, { value })
  return validation.messages().map((message) => message.validation)
}

/** Now moved by some months and days, as a Date. */
function fromNow (months: number, days = 0): Date {
  const date = new Date()
  date.setMonth(date.getMonth() + months, date.getDate() + days)
  return date
}

describe('Validator | date rules', () => {
  it('after and before compare with the date in the rule', async () => {
    expect(await failed('after:2010-11-20', '2011-01-01')).toEqual([])
    expect(await failed('after:2010-11-20', '1980-11-20')).toEqual(['after'])
    expect(await failed('after:2010-11-20', '2010-11-20')).toEqual(['after'])
    expect(await failed('after:2010-11-20', 'soon')).toEqual(['after'])
    expect(await failed('before:2010-11-20', '2009-01-01')).toEqual([])
    expect(await failed('before:2010-11-20', new Date('2012-11-20'))).toEqual(['before'])
    expect(await failed('before:2010-11-20T10:00:00Z', '2010-11-20T09:59:59Z')).toEqual([])
  })

  it('after_offset_of and before_offset_of compare with now, moved by the offset when each check runs', async () => {
    expect(await failed('after_offset_of:12,months', fromNow(13))).toEqual([])
    expect(await failed('after_offset_of:12,months', fromNow(11))).toEqual(['after_offset_of'])
    expect(await failed('after_offset_of:1,y', fromNow(0, 2).toISOString())).toEqual(['after_offset_of'])
    expect(await failed('before_offset_of:12,months', fromNow(-24))).toEqual([])
    expect(await failed('before_offset_of:12,months', fromNow(0))).toEqual(['before_offset_of'])
    expect(await failed('before_offset_of:2,days', fromNow(0, -3))).toEqual([])
  })

  it('date_format reads the value strictly in a moment-style format', async () => {
    const passes: Array<[string, string]> = [
      ['YYYY/MM/DD', '2015/10/20'], ['YYYY-MM-DD HH:mm:ss', '2024-02-29 23:59:59'], ['DD.MM.YY', '31.12.99'],
      ['MMMM Do, YYYY', 'March 7th, 2024'], ['ddd, D MMM YYYY h:mm A', 'Thu, 7 Mar 2024 9:05 PM'],
      ['YYYY-MM-DD[T]HH:mmZ', '2024-03-07T10:00+01:00'], ['YYYY-MM-DDTHH:mm:ss.SSSZ', '2024-03-07T10:00:00.000Z'],
    ]
    for (const [format, value] of passes) expect({ format, value, failed: await failed(`date_format:${format}`, value) }).toEqual({ format, value, failed: [] })
    const fails: Array<[string, unknown]> = [
      ['YYYY/MM/DD', '10th'], ['YYYY/MM/DD', '10-20-2015'], ['YYYY/MM/DD', '2015/1/20'], ['YYYY-MM-DD', '2023-02-29'],
      ['YYYY-MM-DD', '2024-02-29 '], ['HH:mm', '24:00'], ['ddd, D MMM YYYY', 'Fri, 7 Mar 2024'], ['YYYY', 2024],
    ]
    for (const [format, value] of fails) {
      expect({ format, value, failed: await failed(`date_format:${format}`, value) }).toEqual({ format, value, failed: ['date_format'] })
    }
  })

  it('refuses arguments that are not dates, offsets or formats it can read, naming the field', async () => {
    const problems: Array<[string, string]> = [
      ['after:someday', 'needs a date'], ['before', 'needs a date'], ['after_offset_of:12', 'needs a number and a unit'],
      ['before_offset_of:x,days', 'needs a number and a unit'], ['after_offset_of:1,fortnights', 'units: years'],
      ['date_format:', 'needs a value'], ['date_format:YYYY-Q', "'Q' is a moment token"], ['date_format:[YYYY', 'never closed'],
    ]
    for (const [rule, problem] of problems) {
      await expect(Validator.validate({ when: rule }, {})).rejects.toMatchObject({ code: 'E_INVALID_VALIDATION_RULE', message: expect.stringContaining(problem) })
      await expect(Validator.validate({ when: rule }, {})).rejects.toThrow("field 'when'")
    }
  })
})
