/**
 * Jest settings for adonis-lite apps (`adonis-lite test`, or `"preset": "adonis-lite"` in a
 * Jest config): TypeScript through SWC, keeping generator functions as they are. The app's
 * `import ... from 'adonis-lite'` loads the compiled framework from node_modules as it is; the
 * framework's own jest.config.js maps it to the TypeScript sources instead.
 */
/** The app's @swc/jest (a devDependency), else the one beside the framework. */
const swcJest = require.resolve('@swc/jest', { paths: [process.cwd(), __dirname] })

module.exports = {
  // Node's, keeping each test's log lines to print if it fails (jest-environment.js).
  testEnvironment: require.resolve('./jest-environment.js'),
  transform: {
    '^.+\\.[cm]?[jt]s$': [swcJest, {
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    }],
  },
  testMatch: ['<rootDir>/test/**/*.test.[jt]s'],
  testPathIgnorePatterns: ['/node_modules/'],
  // `adonis-lite build` writes a copy of the app (and its package.json) there.
  modulePathIgnorePatterns: ['<rootDir>/build/'],
}
