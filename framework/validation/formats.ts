/**
 * Text formats that rules check on user input (email, URL, IP addresses, JSON), each in time linear in its
 * length: a value longer than the format's natural maximum is refused before any matching, and
 * no pattern here can backtrack more than a bounded number of steps per character. yup's own
 * url() cannot promise that: its pattern takes seconds on a 58-character dotted host.
 */
import { isIPv4 as netIsIPv4, isIPv6 as netIsIPv6 } from 'node:net'

/** The longest address SMTP carries (RFC 5321): a longer value is not an email address. */
export const EMAIL_MAX_LENGTH = 254

/** The longest URL browsers and servers commonly accept. */
export const URL_MAX_LENGTH = 2048

// The HTML standard's valid e-mail address (what yup's email() checks too). Each domain label
// is bounded to 63 characters, so it tries a bounded number of ways per character. Tested
// directly rather than through a yup schema: yup builds an error object for every address it
// refuses, which cost more than the whole check (a failed sign-up form in docs/benchmarks.md).
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/

/** Whether a value is an email address, as <input type="email"> accepts it. */
export function isEmail (value: unknown): boolean {
  return typeof value === 'string' && value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value)
}

const URL_SCHEME = /^(?:https?|ftp):\/\//i
// Whitespace and control characters, which the URL parser would silently drop or trim.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\s\u0000-\u001f\u007f]/
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/**
 * Whether a value is an absolute http, https or ftp URL whose host is a domain name (labels of
 * at most 63 characters, a top-level domain of letters) or an IP address. Single-label hosts
 * such as localhost are refused, as indicative and yup refuse them.
 */
export function isUrl (value: unknown): boolean {
  if (typeof value !== 'string' || value.length > URL_MAX_LENGTH) return false
  if (!URL_SCHEME.test(value) || INVISIBLE.test(value)) return false
  let host: string
  try {
    host = new URL(value).hostname
  } catch {
    return false
  }
  // IP addresses come out of the parser checked and normalized ([::1], 127.0.0.1).
  if (host.startsWith('[') || IPV4.test(host)) return true
  const labels = host.split('.')
  return labels.length >= 2 && labels.every((label) => HOST_LABEL.test(label)) && TOP_LEVEL.test(labels[labels.length - 1]!)
}

/** The longest IPv6 address in text: eight groups of four hex digits, or the IPv4-mapped form. */
export const IP_MAX_LENGTH = 45

/** Whether a value is an IPv4 address in dotted decimal, without leading zeros: '127.0.0.1'. */
export function isIPv4 (value: unknown): boolean {
  return typeof value === 'string' && value.length <= IP_MAX_LENGTH && netIsIPv4(value)
}

/** Whether a value is an IPv6 address: '2001:db8::1', '::ffff:127.0.0.1'. A zone ('%eth0') names a network card, not an address: refused. */
export function isIPv6 (value: unknown): boolean {
  return typeof value === 'string' && value.length <= IP_MAX_LENGTH && !value.includes('%') && netIsIPv6(value)
}

/** Whether a value is an IPv4 or IPv6 address. */
export function isIp (value: unknown): boolean {
  return isIPv4(value) || isIPv6(value)
}

/**
 * Whether a value is a string holding JSON. V8's JSON.parse reads in one pass, however deeply
 * nested, and a value is never longer than the body that carried it.
 */
export function isJson (value: unknown): boolean {
  if (typeof value !== 'string') return false
  try {
    JSON.parse(value)
    return true
  } catch {
    return false
  }
}
