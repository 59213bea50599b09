/** Reading pages in tests: elements by id, tags and their attributes, decoded text. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#96': '`' }

export function decode (text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (ENTITIES[entity] !== undefined) return ENTITIES[entity]!
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10))
    return match
  })
}

/** The raw inner HTML of the element with this id. */
export function inner (html: string, id: string): string {
  const start = new RegExp(`<([a-z]+)[^>]*\\bid="${id}"[^>]*>`, 'i').exec(html)
  if (!start) throw new Error(`no element with id="${id}" in: ${html.slice(0, 300)}`)
  const from = start.index + start[0].length
  const end = html.indexOf(`</${start[1]}>`, from)
  return html.slice(from, end)
}

/** The decoded text of the element with this id. */
export function text (html: string, id: string): string {
  return decode(inner(html, id).replace(/<[^>]*>/g, '')).trim()
}

/** Attributes of every <tag> in the HTML, values decoded. */
export function tags (html: string, tag: string): Array<Record<string, string>> {
  return [...html.matchAll(new RegExp(`<${tag}\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'gi'))].map(([, attributes]) => {
    const found: Record<string, string> = {}
    for (const [, name, quoted, bare] of attributes!.matchAll(/([^\s"'>/=]+)(?:="([^"]*)"|=(\S+))?/g)) found[name!.toLowerCase()] = decode(quoted ?? bare ?? '')
    return found
  })
}

export function input (html: string, name: string): Record<string, string> | undefined {
  return tags(html, 'input').find((attributes) => attributes.name === name)
}

/** The _csrf field's value. */
export function csrfOf (html: string): string {
  const field = input(html, '_csrf')
  if (!field) throw new Error('the page has no _csrf field')
  return field.value!
}
