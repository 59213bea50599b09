/** The framework's own tests; the benchmark and the long fuzz runs have scripts of their own. */
module.exports = {
  ...require('./jest-preset'),
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/bench/'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/global_setup.js',
}
