/**
 * `adonis-lite/server`: what the server.js of a build runs. A built app is JavaScript, so this
 * needs plain Node alone: no TypeScript, tsx, Jest or SWC.
 */
import { loadEnvFile } from '../config/env'
import { serveCommand } from './commands/serve'
import { runCommand } from './run_command'

/**
 * Serves the build in buildDir with `adonis-lite serve` and these arguments (--port, --workers).
 * .env is read from the working directory first (`npm start` in the app reads the app's), then
 * from buildDir; variables set in the environment win over both. Production mode unless
 * NODE_ENV says otherwise.
 */
export function serve (buildDir: string, argv: string[] = process.argv.slice(2)): void {
  loadEnvFile(process.cwd())
  process.chdir(buildDir)
  process.env.NODE_ENV ??= 'production'
  runCommand('serve', serveCommand, argv).then((code) => { if (code !== undefined) process.exitCode = code })
}
