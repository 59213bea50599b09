/**
 * The lint rules: neostandard (standard's rules for eslint 9, with TypeScript), which the code
 * already follows. `npm run lint`; `npm test` runs it first.
 */
const neostandard = require('neostandard')

module.exports = [
  ...neostandard({
    ts: true,
    ignores: ['dist/**', 'storage/**', 'build/**', 'bench/results/**', '**/node_modules/**'],
  }),
]
