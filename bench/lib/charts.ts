/**
 * The report's charts, drawn as SVG from the run's own figures and written beside the report:
 * requests/s of every stack in every scenario, and requests/s against routes, sessions and
 * session size. Plain SVG, no library: bars, lines and text.
 */
import fs from 'node:fs'
import path from 'node:path'
import { collectFigures, type StackRound } from './results'
import { DIMENSIONS, collectScaling, describeValue, scalingFigure, type Dimension, type ScalingFigure, type ScalingRun } from './scaling'
import { KINDS, KIND_INFO, type Kind } from './scenarios'
import type { Stack } from './stacks'

/** File names of the charts written, relative to the report. */
export interface Charts {
  peers?: string
  scaling?: string
}

const FONT = 'font-family="system-ui, sans-serif"'
const ADONIS = '#5a45ff'
const PALETTE = ['#e4572e', '#29335c', '#f3a712', '#669bbc', '#a8c686', '#7d5ba6', '#c1666b', '#4b3f72', '#1f7a8c', '#8d99ae']

/** Writes the charts the figures allow next to `report`, and returns their names. */
export function writeCharts (report: string, stacks: Stack[], rounds: StackRound[], runs: ScalingRun[]): Charts {
  const base = path.basename(report, path.extname(report))
  const charts: Charts = {}
  const peers = peersChart(stacks, rounds)
  if (peers !== null) fs.writeFileSync(path.join(path.dirname(report), charts.peers = `${base}-peers.svg`), peers)
  const scaling = scalingChart(collectScaling(runs), stacks, rounds)
  if (scaling !== null) fs.writeFileSync(path.join(path.dirname(report), charts.scaling = `${base}-scaling.svg`), scaling)
  return charts
}

/** One panel per scenario, one bar per stack: adonis-lite's in its own colour. */
function peersChart (stacks: Stack[], rounds: StackRound[]): string | null {
  const figures = collectFigures(stacks, rounds)
  const kinds = KINDS.filter((kind) => stacks.some((stack) => figures.get(stack.name)?.has(kind)))
  const shown = stacks.filter((stack) => figures.has(stack.name))
  if (kinds.length === 0 || shown.length === 0) return null
  const labelWidth = 120
  const panel = 150
  const row = 16
  const top = 44
  const width = labelWidth + kinds.length * panel + 10
  const height = top + shown.length * row + 16
  const parts: string[] = [title(width, 'Requests per second, by stack and scenario (more is better)')]
  shown.forEach((stack, index) => parts.push(text(labelWidth - 6, top + index * row + 11, stack.name, 'end')))
  kinds.forEach((kind, column) => {
    const x = labelWidth + column * panel
    const max = Math.max(...shown.map((stack) => figures.get(stack.name)?.get(kind)?.rps ?? 0))
    parts.push(text(x + 4, top - 8, `${kind} ${KIND_INFO[kind].title}`, 'start', 'bold'))
    shown.forEach((stack, index) => {
      const rps = figures.get(stack.name)?.get(kind)?.rps
      if (rps === undefined || max === 0) return
      const length = Math.max(1, (panel - 50) * rps / max)
      const colour = stack.family === 'adonis-lite' ? ADONIS : '#9aa5b1'
      parts.push(`<rect x="${x + 4}" y="${top + index * row + 2}" width="${length.toFixed(1)}" height="${row - 5}" fill="${colour}"/>`)
      parts.push(text(x + 8 + length, top + index * row + 11, short(rps)))
    })
  })
  return svg(width, height, parts)
}

/** One panel per dimension: requests/s at each of its values, a line per stack and scenario. */
function scalingChart (figures: ScalingFigure[], stacks: Stack[], rounds: StackRound[]): string | null {
  const dimensions = (Object.keys(DIMENSIONS) as Dimension[]).filter((dimension) => figures.some((figure) => figure.dimension === dimension))
  if (dimensions.length === 0) return null
  const panelWidth = 300
  const panelHeight = 220
  const main = collectFigures(stacks, rounds)
  const series = dimensions.map((dimension) => seriesOf(figures, dimension, main))
  const width = dimensions.length * (panelWidth + 70) + 30
  const height = 50 + panelHeight + 40 + 13 * Math.max(...series.map((lines) => lines.length))
  const parts: string[] = [title(width, 'Requests per second as the app grows (flat is better)')]
  dimensions.forEach((dimension, index) => {
    parts.push(...panelOf(dimension, series[index]!, 50 + index * (panelWidth + 70), 50, panelWidth, panelHeight))
  })
  return svg(width, height, parts)
}

interface Series {
  label: string
  points: Array<{ value: number, rps: number }>
}

/**
 * The lines of a dimension: per stack and kind, its figures in order of value. For sessions,
 * the main table's point (one session per connection) is added where the stack has it.
 */
function seriesOf (figures: ScalingFigure[], dimension: Dimension, main: ReturnType<typeof collectFigures>): Series[] {
  // S4 is left out: it is measured with S3, at the same requests/s.
  const keys = [...new Set(figures.filter((figure) => figure.dimension === dimension && figure.kind !== 'S4').map((figure) => `${figure.stack} ${figure.kind}`))]
  return keys.map((key) => {
    const [stack, kind] = key.split(' ') as [string, Kind]
    const points = DIMENSIONS[dimension].values
      .map((value) => ({ value, rps: scalingFigure(figures, stack, dimension, value, kind)?.rps }))
      .filter((point): point is { value: number, rps: number } => point.rps !== undefined)
    const mainPoint = main.get(stack)?.get(kind)
    if (dimension === 'sessions' && mainPoint !== undefined && points.length > 0) points.push({ value: 50, rps: mainPoint.rps })
    points.sort((a, b) => a.value - b.value)
    return { label: `${stack} ${kind}`, points }
  }).filter((series) => series.points.length > 1)
}

function panelOf (dimension: Dimension, lines: Series[], x: number, y: number, width: number, height: number): string[] {
  const values = [...new Set(lines.flatMap((line) => line.points.map((point) => point.value)))].sort((a, b) => a - b)
  const max = Math.max(1, ...lines.flatMap((line) => line.points.map((point) => point.rps))) * 1.1
  const xOf = (value: number) => x + (values.length === 1 ? width / 2 : values.indexOf(value) * width / (values.length - 1))
  const yOf = (rps: number) => y + height - rps / max * height
  const parts = [
    text(x, y - 10, DIMENSIONS[dimension].title, 'start', 'bold'),
    `<line x1="${x}" y1="${y + height}" x2="${x + width}" y2="${y + height}" stroke="#444"/>`,
    `<line x1="${x}" y1="${y}" x2="${x}" y2="${y + height}" stroke="#444"/>`,
  ]
  for (let step = 0; step <= 4; step++) {
    const rps = max / 1.1 * step / 4
    parts.push(`<line x1="${x}" y1="${yOf(rps).toFixed(1)}" x2="${x + width}" y2="${yOf(rps).toFixed(1)}" stroke="#ddd"/>`, text(x - 4, yOf(rps) + 4, short(rps), 'end'))
  }
  for (const value of values) parts.push(text(xOf(value), y + height + 14, describeValue(dimension, value).split(' ')[0]! + (dimension === 'size' ? ' KB' : ''), 'middle'))
  lines.forEach((line, index) => {
    const colour = PALETTE[index % PALETTE.length]
    const dash = line.label.startsWith('adonis-') ? '' : ' stroke-dasharray="4 3"'
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${line.points.map((point) => `${xOf(point.value).toFixed(1)},${yOf(point.rps).toFixed(1)}`).join(' ')}"/>`)
    for (const point of line.points) parts.push(`<circle cx="${xOf(point.value).toFixed(1)}" cy="${yOf(point.rps).toFixed(1)}" r="2.5" fill="${colour}"/>`)
    parts.push(`<rect x="${x}" y="${y + height + 26 + index * 13}" width="10" height="3" fill="${colour}"/>`, text(x + 14, y + height + 31 + index * 13, line.label))
  })
  return parts
}

function title (width: number, words: string): string {
  return `<text x="${width / 2}" y="18" text-anchor="middle" ${FONT} font-size="13" font-weight="bold">${escape(words)}</text>`
}

function text (x: number, y: number, words: string, anchor = 'start', weight = 'normal'): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-weight="${weight}" ${FONT} font-size="11">${escape(words)}</text>`
}

function svg (width: number, height: number, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n` +
    `<rect width="100%" height="100%" fill="#fff"/>\n${parts.join('\n')}\n</svg>\n`
}

/** 18,703 -> '18.7k'. */
function short (rps: number): string {
  return rps >= 1000 ? `${(rps / 1000).toFixed(rps >= 10_000 ? 0 : 1)}k` : rps.toFixed(0)
}

function escape (words: string): string {
  return words.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
