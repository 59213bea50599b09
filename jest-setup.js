/**
 * Run before each test file of the preset: the app's logs are silent, so a passing run prints
 * only Jest's report (expected 500s in tests would otherwise print their stacks). To see them,
 * run with LOG_LEVEL set: `LOG_LEVEL=debug npx jest test/x.test.ts`.
 */
process.env.LOG_LEVEL ??= 'silent'
