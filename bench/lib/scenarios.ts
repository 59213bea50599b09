/**
 * The scenarios. S3 and S4 are one measured run ("S34"): each connection posts the failing
 * sign-up form and then loads the page that shows its flash, so S4 always renders what S3
 * flashed. Their figures are reported per request kind from that one run.
 */

/** A kind of request, with its own row of figures. */
export type Kind = 'S0' | 'S1' | 'S2' | 'S3' | 'S4'
/** A measured run: one kind, or the S3+S4 sequence. */
export type Unit = 'S0' | 'S1' | 'S2' | 'S34'

export const KINDS: Kind[] = ['S0', 'S1', 'S2', 'S3', 'S4']
export const UNITS: Unit[] = ['S0', 'S1', 'S2', 'S34']

export const KIND_INFO: Record<Kind, { title: string, request: string, status: number }> = {
  S0: { title: 'plain', request: 'GET / (no session, a small view)', status: 200 },
  S1: { title: 'cart', request: 'GET /cart (3 items from the session, a 30-line view)', status: 200 },
  S2: { title: 'counter', request: 'GET /count (read, increment, write an integer)', status: 200 },
  S3: { title: 'flash', request: 'POST /signup (CSRF, validation fails, flash, redirect back)', status: 302 },
  S4: { title: 'signup page', request: 'GET /signup (the flashed errors and old input)', status: 200 },
}

export function kindsOf (unit: Unit): Kind[] {
  return unit === 'S34' ? ['S3', 'S4'] : [unit]
}

/** The run that measures a kind: S3 and S4 both come from S34. */
export function unitOf (kind: Kind): Unit {
  return kind === 'S3' || kind === 'S4' ? 'S34' : kind
}

/** What the failed sign-up posts, besides the CSRF token. */
export const SIGNUP_FORM = 'email=bad&password=secret'
/** The message every stack flashes for 'bad'. */
export const EMAIL_ERROR = 'The email field must be a valid email address.'
