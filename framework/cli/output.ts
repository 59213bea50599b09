/** Terminal output: colour only when writing to a terminal (and NO_COLOR is not set). */

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const
export type Colour = keyof typeof CODES

function colours (stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && process.env.NO_COLOR === undefined
}

export function paint (text: string, colour: Colour, stream: NodeJS.WriteStream = process.stdout): string {
  return colours(stream) ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text
}

export function say (text = ''): void {
  process.stdout.write(`${text}\n`)
}

export function complain (text: string): void {
  process.stderr.write(`${paint('error', 'red', process.stderr)} ${text}\n`)
}

/** Something worth knowing that is not a failure (a worker replaced, a setting that does not fit). */
export function warn (text: string): void {
  process.stderr.write(`${paint('warning', 'yellow', process.stderr)} ${text}\n`)
}
