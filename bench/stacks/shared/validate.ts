/**
 * The peers' sign-up validation: the check `{ email: 'required|email', password: 'required' }`
 * makes in adonis-lite, with the same messages in the same shape.
 */

export interface ValidationMessage {
  field: string
  validation: string
  message: string
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function validateSignup (input: Record<string, unknown>): ValidationMessage[] {
  const errors: ValidationMessage[] = []
  const email = input.email
  if (email === undefined || email === null || email === '') {
    errors.push({ field: 'email', validation: 'required', message: 'The email field is required.' })
  } else if (typeof email !== 'string' || !EMAIL.test(email)) {
    errors.push({ field: 'email', validation: 'email', message: 'The email field must be a valid email address.' })
  }
  const password = input.password
  if (password === undefined || password === null || password === '') {
    errors.push({ field: 'password', validation: 'required', message: 'The password field is required.' })
  }
  return errors
}
