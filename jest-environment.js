/**
 * The Jest environment of the preset: Node's, plus a place for the app's log lines. A test's
 * lines are kept while it runs and printed only when it fails, so a passing run prints Jest's
 * report alone (the expected 500s of error tests would otherwise print their stacks), and a
 * failing test shows what the app logged on the way. LOG_LEVEL=debug (or any level) writes
 * every line to the terminal as it comes instead.
 */
const { TestEnvironment } = require(require.resolve('jest-environment-node', { paths: [process.cwd(), __dirname] }))

/** Where framework/logger.ts looks for the sink (a property of the test file's global object). */
const SINK = '__adonisLiteLogSink'
/** A test that logs more than this keeps its last lines. */
const MAX_LINES = 400

class AdonisLiteEnvironment extends TestEnvironment {
  #lines = []

  constructor (config, context) {
    super(config, context)
    if (process.env.LOG_LEVEL) return
    this.global[SINK] = {
      write: (line) => {
        this.#lines.push(line)
        if (this.#lines.length > MAX_LINES) this.#lines.shift()
      },
    }
  }

  async handleTestEvent (event) {
    // Lines logged in beforeAll (the app's boot) count for the first test.
    if (event.name === 'test_done') {
      if (event.test.errors.length > 0 && this.#lines.length > 0) {
        process.stderr.write(`\nWhat the app logged during "${testName(event.test)}":\n${this.#lines.join('')}\n`)
      }
      this.#lines = []
    }
  }
}

function testName (test) {
  const names = []
  for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) names.unshift(block.name)
  return names.join(' › ')
}

module.exports = AdonisLiteEnvironment
