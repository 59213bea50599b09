/** The logger: lines below its level are dropped, and pino is loaded (and its file opened) only for a line that is written. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLogger, flushLogger, loggerConfig } from '../../framework/logger'

describe('Logging | the logger', () => {
  let dir: string
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-logger-')) })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('writes nothing, and opens no file, until a line at or above its level comes', async () => {
    const file = path.join(dir, 'logs', 'app.log')
    const logger = createLogger({ level: 'warn', destination: file })
    const child = logger.child({ module: 'billing' })
    logger.info('dropped')
    child.debug('dropped too')
    await flushLogger(logger)
    expect(fs.existsSync(file)).toBe(false)
    child.warn('kept')
    logger.error('also kept')
    await flushLogger(logger)
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line))
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, module: 'billing', msg: 'kept' }),
      expect.objectContaining({ level: 50, msg: 'also kept' }),
    ])
    expect(logger.isLevelEnabled('warn')).toBe(true)
    expect(logger.isLevelEnabled('info')).toBe(false)
  })

  it('turns request lines and readable output on by default in development only', () => {
    expect(loggerConfig(undefined, false)).toMatchObject({ requestLog: true, pretty: true, destination: 'stdout' })
    expect(loggerConfig(undefined, true)).toMatchObject({ requestLog: false, pretty: false, destination: 'stdout' })
    expect(loggerConfig({ requestLog: true, level: 'debug' }, true)).toMatchObject({ requestLog: true, level: 'debug' })
  })
})

describe('Logging | log files', () => {
  it('writes lines in batches, within a quarter second of the last one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adonis-lite-logfile-'))
    try {
      const file = path.join(dir, 'app.log')
      const logger = createLogger({ level: 'info', destination: file })
      logger.info('first')
      logger.info('second')
      expect(fs.readFileSync(file, 'utf8')).toBe('')
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line).msg)).toEqual(['first', 'second'])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
