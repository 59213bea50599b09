/**
 * Jest settings for adonis-lite apps (and the framework's own tests): TypeScript through SWC,
 * keeping generator functions as they are, and `adonis-lite` resolved to this checkout.
 */
const path = require('node:path')

const framework = path.join(__dirname, 'framework')

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[cm]?[jt]s$': [require.resolve('@swc/jest'), {
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    }],
  },
  moduleNameMapper: {
    '^adonis-lite$': path.join(framework, 'index.ts'),
    '^adonis-lite/testing$': path.join(framework, 'testing', 'index.ts'),
  },
  testMatch: ['<rootDir>/test/**/*.test.[jt]s'],
  testPathIgnorePatterns: ['/node_modules/'],
}
