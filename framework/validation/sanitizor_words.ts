/**
 * Validator.sanitizor: the word filters (plural, camelCase, slug...) of AdonisJs 3, which took
 * them from the inflect package. Plurals come from pluralize; the rest are one pass over the
 * text each. Values that are not strings come back unchanged.
 */
import pluralize from 'pluralize'

/** Applies `change` to strings only. */
const onText = (change: (text: string) => string) => (value: unknown): unknown => typeof value === 'string' ? change(value) : value

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const isUpper = (character: string | undefined) => character !== undefined && character !== character.toLowerCase() && character === character.toUpperCase()
const isLowerOrDigit = (character: string | undefined) => character !== undefined && (/\d/.test(character) || (character !== character.toUpperCase()))

/** 'UsersController' -> 'users_controller', 'HTMLParser' -> 'html_parser', 'puni-puni' -> 'puni_puni'. */
function underscore (text: string): string {
  let result = ''
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!
    const wordStarts = isUpper(character) && index > 0 &&
      (isLowerOrDigit(text[index - 1]) || (isUpper(text[index - 1]) && isLowerOrDigit(text[index + 1])))
    result += (wordStarts ? '_' : '') + (character === '-' ? '_' : character)
  }
  return result.toLowerCase()
}

/** The word filters, by name. */
export const WORD_FILTERS = {
  /** 'person' -> 'people'. */
  plural: onText((text) => pluralize.plural(text)),
  /** 'people' -> 'person'. */
  singular: onText((text) => pluralize.singular(text)),
  /** 'users_controller' -> 'UsersController'. */
  camelCase: onText((text) => text.split('_').map(upperFirst).join('')),
  /** 'hello' -> 'Hello', the rest in lower case. */
  capitalize: onText((text) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase()),
  /** 'Hello' -> 'hello'. */
  decapitalize: onText((text) => text.charAt(0).toLowerCase() + text.slice(1)),
  /** 'learn jquery in 30minutes' -> 'Learn Jquery In 30minutes', 'hello-world' -> 'Hello World'. */
  title: onText((text) => text.toLowerCase().replace(/[_-]/g, ' ').replace(/(^|\s)(\S)/g, (_match, space: string, first: string) => space + first.toUpperCase())),
  underscore: onText(underscore),
  /** 'puni_puni' -> 'puni-puni'. */
  toDash: onText((text) => text.replace(/[ _]/g, '-')),
  /** 'learn jquery in 30minutes' -> 'learn-jquery-in-30minutes'; letters of every script are kept. */
  slug: onText((text) => text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-|-$/g, '')),
  /** 'dot case' -> 'Dot case', 'author_id' -> 'Author'. */
  humanize: onText((text) => upperFirst(text.toLowerCase().replace(/_id$/, '').replace(/_/g, ' '))),
}
