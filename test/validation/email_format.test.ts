import { string } from 'yup'
import { isEmail } from '../../framework/validation/formats'

// isEmail tests the HTML standard's pattern itself; yup's email() checks the same pattern, so
// the two must agree on every address (within the 254-character cap isEmail adds).
const yupEmail = string().email()

const ADDRESSES = [
  'jane@example.com', 'j.doe+tag@mail.example.co.uk', "o'reilly@example.org", 'x@y', 'a@b.c',
  'user@[127.0.0.1]', 'user@127.0.0.1', 'bad', '@example.com', 'jane@', 'jane@@example.com',
  'jane@-example.com', 'jane@example-.com', 'jane@ex_ample.com', 'jane@example..com', 'jane@.example.com',
  'jane@example.com.', 'jane doe@example.com', 'jane@exa mple.com', 'jäne@example.com', 'jane@exämple.com',
  `jane@${'a'.repeat(63)}.com`, `jane@${'a'.repeat(64)}.com`, `${'a'.repeat(64)}@example.com`,
  'jane@example.com\n', '\njane@example.com', "!#$%&'*+/=?^_`{|}~-@example.com", 'jane@1.2', 'JANE@EXAMPLE.COM',
]

describe('isEmail', () => {
  it('accepts and refuses exactly what yup email() does', () => {
    for (const address of ADDRESSES) {
      expect({ address, accepted: isEmail(address) }).toEqual({ address, accepted: yupEmail.isValidSync(address) })
    }
  })

  it('refuses what is not a string, and addresses longer than 254 characters', () => {
    for (const value of [undefined, null, 1, {}, ['a@b.c']]) expect(isEmail(value)).toBe(false)
    expect(isEmail(`${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`)).toBe(true)
    expect(isEmail(`${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.com`)).toBe(false)
  })
})
