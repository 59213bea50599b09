/** Development log lines: pino's JSON read back into one readable line, an error's stack below it. */
import { formatLine } from '../../framework/log_format'

describe('Logging | development lines', () => {
  it('shows time, level, message and request id, without repeating what the message says', () => {
    const line = formatLine(JSON.stringify({ level: 30, time: new Date(2026, 0, 1, 12, 4, 31, 207).getTime(), reqId: 'r1', method: 'GET', path: '/', status: 200, ms: 3.1, msg: 'GET / 200 3.1ms' }))
    expect(line).toBe('12:04:31.207 INFO  GET / 200 3.1ms [r1]\n')
  })

  it('adds other fields as key=value and an error stack on indented lines', () => {
    const line = formatLine(JSON.stringify({ level: 50, time: new Date(2026, 0, 1, 0, 0, 0, 0).getTime(), module: 'billing', err: { stack: 'Error: no\n    at x' }, msg: 'failed' }))
    expect(line).toBe('00:00:00.000 ERROR failed module="billing"\n  Error: no\n      at x\n')
  })

  it('passes a line that is not JSON through as it is', () => {
    expect(formatLine('plain\n')).toBe('plain\n')
  })
})
