/**
 * Validator.sanitizor: the filters that clean or convert a value (escape, normalizeEmail,
 * toInt, stripTags...), as AdonisJs 3 had them, each linear in the length of the value. A
 * filter given a value it cannot work on returns it unchanged. `args` are the rule's arguments.
 */

type Args = readonly unknown[] | undefined

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&#x27;', '<': '&lt;', '>': '&gt;', '/': '&#x2F;' }

/** HTML-escapes & " ' < > and /. */
function escape (value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/[&"'<>/]/g, (character) => ESCAPES[character]!) : value
}

// Mail providers where '+tag' only labels mail for the same mailbox, and (Gmail, Live) dots do not count.
const TAGGED_PROVIDERS = new Set(['gmail.com', 'hotmail.com', 'live.com'])
const DOTLESS_PROVIDERS = new Set(['gmail.com', 'live.com'])

/**
 * The canonical form of an email address: lower case, googlemail.com as gmail.com, without the
 * '+tag' and (Gmail, Live) without dots in the mailbox name. Options: '!lc' keeps the case of
 * the mailbox name, '!re' keeps the tag, '!rd' keeps the dots.
 */
function normalizeEmail (value: unknown, args?: Args): unknown {
  if (typeof value !== 'string') return value
  const at = value.lastIndexOf('@')
  if (at <= 0 || at === value.length - 1) return value
  const options = new Set(args ?? [])
  let mailbox = options.has('!lc') ? value.slice(0, at) : value.slice(0, at).toLowerCase()
  let domain = value.slice(at + 1).toLowerCase()
  if (domain === 'googlemail.com') domain = 'gmail.com'
  if (!options.has('!re') && TAGGED_PROVIDERS.has(domain)) mailbox = mailbox.split('+')[0]!
  if (!options.has('!rd') && DOTLESS_PROVIDERS.has(domain)) mailbox = mailbox.replaceAll('.', '')
  return `${mailbox}@${domain}`
}

/** false for undefined, null, '', 0, false, 'false' and '0'; true for anything else. */
function toBoolean (value: unknown): boolean {
  return !(!value || value === 'false' || value === '0')
}

/** parseFloat: the leading number of the text, or NaN. */
function toFloat (value: unknown): number {
  return Number.parseFloat(value as string)
}

/** parseInt in base 10, or in the base given as the argument ('to_int:16'). */
function toInt (value: unknown, args?: Args): number {
  const radix = Number(args?.[0])
  return Number.parseInt(value as string, Number.isInteger(radix) && radix >= 2 && radix <= 36 ? radix : 10)
}

/** A Date, or null for what is not a date (text longer than 100 characters is not). */
function toDate (value: unknown): Date | null {
  if (typeof value === 'string' && value.length > 100) return null
  const date = new Date(value as string)
  return Number.isNaN(date.getTime()) ? null : date
}

const blacklists = new Map<string, RegExp>()

/**
 * Removes the characters listed in the argument, written as inside a regex class ('.\\[\\]').
 * The argument is refused unless it stays one class: a class matches one character per step.
 */
function blacklist (value: unknown, args?: Args): unknown {
  const characters = args?.[0]
  if (typeof value !== 'string' || typeof characters !== 'string' || characters === '') return value
  let pattern = blacklists.get(characters)
  if (pattern === undefined) {
    if (!staysOneClass(characters)) throw new TypeError(`Validator.sanitizor.blacklist: '${characters}' must list characters as inside [...], with ']' and '\\' escaped`)
    pattern = new RegExp(`[${characters}]`, 'g')
    if (blacklists.size < 100) blacklists.set(characters, pattern)
  }
  return value.replace(pattern, '')
}

function staysOneClass (characters: string): boolean {
  for (let index = 0; index < characters.length; index++) {
    if (characters[index] === ']') return false
    if (characters[index] === '\\' && ++index === characters.length) return false
  }
  try {
    RegExp(`[${characters}]`)
    return true
  } catch {
    return false
  }
}

/** Replaces each link with its text, trimmed: 'Click <a href="/x"> here </a>' -> 'Click here'. */
function stripLinks (value: unknown): unknown {
  return typeof value === 'string' ? replaceLinks(value) : value
}

// What /<a\b[^>]*>(.*?)<\/a>/gi does, in one pass: that pattern scans to the end of the line
// again from every unclosed '<a>', quadratic in a line of them. Tables of where the next '>',
// '</a>' and line break are make each step constant.
function replaceLinks (text: string): string {
  const nextGt = nextIndexes(text, (index) => text[index] === '>')
  const nextClose = nextIndexes(text, (index) => text[index] === '<' && text[index + 1] === '/' && /^a>$/i.test(text.slice(index + 2, index + 4)))
  const nextBreak = nextIndexes(text, (index) => '\n\r\u2028\u2029'.includes(text[index]!))
  let result = ''
  let index = 0
  while (index < text.length) {
    const gt = opensLink(text, index) ? nextGt[index + 2]! : -1
    const close = gt === -1 ? -1 : nextClose[gt + 1]!
    if (close !== -1 && (nextBreak[gt + 1] === -1 || nextBreak[gt + 1]! > close)) {
      result += text.slice(gt + 1, close).trim()
      index = close + 4
    } else {
      result += text[index]
      index++
    }
  }
  return result
}

function opensLink (text: string, index: number): boolean {
  return text[index] === '<' && (text[index + 1] === 'a' || text[index + 1] === 'A') && !/\w/.test(text[index + 2] ?? '')
}

/** For each position, the first position at or after it where `at` holds, or -1. */
function nextIndexes (text: string, at: (index: number) => boolean): Int32Array {
  const next = new Int32Array(text.length + 1).fill(-1)
  for (let index = text.length - 1; index >= 0; index--) next[index] = at(index) ? index : next[index + 1]!
  return next
}

/**
 * Removes HTML tags and trims; with the argument 'trim', also turns every run of white space into
 * one space. The tag pattern is linear: [^>]+ stops only at '>' or the end, where the match succeeds.
 */
function stripTags (value: unknown, args?: Args): unknown {
  if (typeof value !== 'string') return value
  let text = value.replace(/<\/?[^>]+(?:>|$)/g, '')
  if (args?.[0] === 'trim') text = text.replace(/\s+/g, ' ')
  return text.trim()
}

/** The filters of this file, by name. */
export const FILTERS = { blacklist, escape, normalizeEmail, toBoolean, toFloat, toInt, toDate, stripLinks, stripTags }
