/** Aligned text tables for the terminal; colour (on a TTY only) never shifts the columns. */
import { paint, type Colour } from './output'

export interface Column {
  title: string
  colour?: Colour
}

/** The table as lines: a header, a rule, then one line per row. Trailing spaces are trimmed. */
export function table (columns: Column[], rows: string[][]): string[] {
  const widths = columns.map((column, index) => Math.max(column.title.length, ...rows.map((row) => (row[index] ?? '').length)))
  const line = (cells: string[], colour: (text: string, index: number) => string) =>
    cells.map((cell, index) => colour(index === cells.length - 1 ? cell : cell.padEnd(widths[index]!), index)).join('  ').trimEnd()
  return [
    line(columns.map((column) => column.title), (text) => paint(text, 'bold')),
    paint(widths.map((width) => '-'.repeat(width)).join('  '), 'dim'),
    ...rows.map((row) => line(row, (text, index) => {
      const colour = columns[index]!.colour
      return colour && text.trim() ? paint(text, colour) : text
    })),
  ]
}
