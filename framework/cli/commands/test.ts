/** `adonis-lite test`: runs the app's tests (test/**\/*.test.ts) with Jest, set up for TypeScript. */
import type { Command } from '../command'
import { resolveTool } from '../tools'

export const testCommand: Command = {
  summary: "run the app's tests with Jest",
  help: `adonis-lite test [jest options]

Runs test/**/*.test.ts (and .js) with Jest, TypeScript included. Options after -- go to Jest:
  adonis-lite test -- --watch`,
  options: {},
  async run (positionals) {
    const root = process.cwd()
    // The app's devDependencies; each missing one is named before Jest starts.
    const jestPath = resolveTool('jest', root)
    resolveTool('@swc/jest', root)
    resolveTool('@swc/core', root)
    const preset = require('../../../jest-preset.js')
    const config = { ...preset, rootDir: root }
    const jest = require(jestPath) as { run (argv: string[]): Promise<void> }
    await jest.run(['--config', JSON.stringify(config), ...positionals])
    return undefined
  },
}
