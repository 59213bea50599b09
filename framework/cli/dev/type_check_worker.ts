/**
 * The type-checking process of `serve --dev` (see type_checker.ts): TypeScript's own watch
 * mode over the app's tsconfig.json, printing the app's type errors as `file:line:column`
 * whenever the set of errors changes.
 */
import path from 'node:path'
import type TS from 'typescript'
import { paint } from '../output'

const ts = require(process.argv[2]!) as typeof TS
const root = process.cwd()
let previous: string | null = null
/** Type errors printed per check; the rest are counted. */
const SHOWN = 10

function describe (diagnostic: TS.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  if (!diagnostic.file || diagnostic.start === undefined) return `${text} (TS${diagnostic.code})`
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
  const file = path.relative(root, diagnostic.file.fileName)
  return `${file}:${line + 1}:${character + 1} ${text} (TS${diagnostic.code})`
}

/** The app's own errors: not those in installed packages or in the framework itself. */
function concernsApp (diagnostic: TS.Diagnostic): boolean {
  if (!diagnostic.file) return true
  const relative = path.relative(root, diagnostic.file.fileName)
  return !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.split(/[/\\]/).includes('node_modules')
}

function report (diagnostics: readonly TS.Diagnostic[]): void {
  const errors = diagnostics
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error && concernsApp(diagnostic))
    .map(describe)
  const summary = errors.join('\n')
  if (summary === previous) return
  const first = previous === null
  previous = summary
  if (errors.length === 0) {
    if (!first) process.stdout.write(`${paint('types ok', 'green')}: no type errors left\n`)
    return
  }
  const lines = errors.slice(0, SHOWN).map((error) => `${paint('type error', 'yellow', process.stderr)} ${error}`)
  if (errors.length > SHOWN) lines.push(`...and ${errors.length - SHOWN} more: npx tsc --noEmit -p . lists them all`)
  process.stderr.write(`${lines.join('\n')}\n`)
}

const host = ts.createWatchCompilerHost(
  path.join(root, 'tsconfig.json'),
  { noEmit: true, incremental: false },
  ts.sys,
  ts.createSemanticDiagnosticsBuilderProgram,
  () => {}, // diagnostics are read from the program below, once per check
  () => {} // and "Starting compilation..." is not worth a line
)
host.afterProgramCreate = (builder) => {
  const program = builder.getProgram()
  report([
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ])
}
// SIGTERM and SIGINT keep their default (exit at once, even in the middle of a check); the
// dev server going away is noticed here.
process.on('disconnect', () => process.exit(0))
ts.createWatchProgram(host)
if (!process.connected) process.exit(0)
