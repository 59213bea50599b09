/**
 * The framework's own tests run on its TypeScript sources: `adonis-lite` and
 * `adonis-lite/testing` are mapped to framework/ (apps get the compiled dist/ instead). The
 * benchmark and the long fuzz runs have scripts of their own.
 */
const path = require('node:path')

const framework = path.join(__dirname, 'framework')

module.exports = {
  ...require('./jest-preset'),
  moduleNameMapper: {
    '^adonis-lite$': path.join(framework, 'index.ts'),
    '^adonis-lite/testing$': path.join(framework, 'testing', 'index.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/bench/'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/global_setup.js',
}
