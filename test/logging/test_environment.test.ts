/**
 * The preset's Jest environment (jest-environment.js): an app's log lines reach the terminal
 * only for a test that failed.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.join(__dirname, '..', '..')

function runChecks (env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [
    require.resolve('jest/bin/jest'), '--config', path.join(ROOT, 'jest.config.js'), '--rootDir', ROOT,
    '--testMatch', '**/test/fixtures/jest_logs/*.check.ts', '--testPathIgnorePatterns', '/node_modules/',
  ], { cwd: ROOT, env, encoding: 'utf8' })
  expect(result.status).toBe(1)
  return result.stdout + result.stderr
}

describe('Testing | log lines under the Jest preset', () => {
  it('prints the lines of a failing test, and none of a passing one', () => {
    const env = { ...process.env }
    delete env.LOG_LEVEL
    const output = runChecks(env)
    expect(output).toContain('What the app logged during "a test that fails after a request"')
    expect(output).toMatch(/GET \/failing-path-one 404/)
    expect(output).not.toContain('passing-path-two')
  })

  it('writes every line as it comes when LOG_LEVEL is set', () => {
    const output = runChecks({ ...process.env, LOG_LEVEL: 'info' })
    expect(output).not.toContain('What the app logged')
    expect(output).toContain('/passing-path-two')
  })
})
