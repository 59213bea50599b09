/** Colour only on a terminal: the helpers directly, and the real CLI under a pseudo-terminal when `script` exists. */
import { execFileSync } from 'node:child_process'
import { paint } from '../../framework/cli/output'
import { table } from '../../framework/cli/table'
import { BIN, cli, cliEnv, FRAMEWORK_ROOT, run } from './cli_helpers'

const ESC = '\u001b['
// eslint-disable-next-line no-control-regex -- the colour codes are what is stripped
const strip = (text: string) => text.replace(/\u001b\[\d+m/g, '')
const terminal = { isTTY: true } as NodeJS.WriteStream
const pipe = { isTTY: false } as NodeJS.WriteStream

function hasScript (): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('CLI | output', () => {
  const noColor = process.env.NO_COLOR
  afterEach(() => {
    if (noColor === undefined) delete process.env.NO_COLOR
    else process.env.NO_COLOR = noColor
  })

  it('paints on a terminal only, and never when NO_COLOR is set', () => {
    delete process.env.NO_COLOR
    expect(paint('ok', 'green', terminal)).toBe(`${ESC}32mok${ESC}0m`)
    expect(paint('ok', 'green', pipe)).toBe('ok')
    process.env.NO_COLOR = '1'
    expect(paint('ok', 'green', terminal)).toBe('ok')
  })

  it('keeps table columns aligned whether painted or not', () => {
    delete process.env.NO_COLOR
    const columns = [{ title: 'Method', colour: 'yellow' as const }, { title: 'URL' }, { title: 'Name' }]
    const rows = [['GET|HEAD', '/users/:id', 'user.show'], ['POST', '/users', '']]
    const plain = table(columns, rows)
    expect(plain).toEqual([
      'Method    URL         Name',
      '--------  ----------  ---------',
      'GET|HEAD  /users/:id  user.show',
      'POST      /users',
    ])
    const tty = process.stdout.isTTY
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true })
    try {
      const painted = table(columns, rows)
      expect(painted.join('\n')).toContain(ESC)
      expect(painted.map(strip)).toEqual(plain)
    } finally {
      Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true })
    }
  })

  const withTerminal = hasScript() ? it : it.skip
  withTerminal('colours the real CLI on a terminal and not through a pipe', async () => {
    const onTerminal = await run('script', ['-qec', `"${process.execPath}" "${BIN}" route:list`, '/dev/null'], { cwd: FRAMEWORK_ROOT })
    expect(onTerminal.stdout).toContain(`${ESC}1mMethod`)
    const piped = await cli(['route:list'], FRAMEWORK_ROOT, cliEnv())
    expect(piped.stdout).not.toContain(ESC)
  })
})
