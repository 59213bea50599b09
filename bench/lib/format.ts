/** Number formats and Markdown tables for the report. */

/** A Markdown table with padded columns, readable in a terminal too. */
export function table (headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]) => '| ' + cells.map((value, column) => (value ?? '').padEnd(widths[column]!)).join(' | ') + ' |'
  return [line(headers), '|' + widths.map((width) => '-'.repeat(width + 2)).join('|') + '|', ...rows.map(line)].join('\n')
}

export function ratio (value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '-'
}

export function percent (value: number): string {
  return Number.isFinite(value) ? `${Math.round(value * 100)}%` : '?'
}

export function ms (value: number): string {
  return `${value.toFixed(1)} ms`
}
