/**
 * Tests that run bin/adonis-lite run the compiled framework: dist/ is rebuilt first when
 * framework/ changed since it was built (the tests themselves run on the sources).
 *
 * The redis driver's tests need Redis on 127.0.0.1:6379 (or REDIS_URL). When nothing answers
 * there and redis-server is installed, start one, as .ci/run does, so that `npm test` alone
 * works on a machine that has Redis installed but not running.
 */
const net = require('node:net')
const { execFileSync } = require('node:child_process')

function answers (port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.setTimeout(500)
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('timeout', () => { socket.destroy(); resolve(false) })
    socket.once('error', () => resolve(false))
  })
}

module.exports = async function setup () {
  require('../scripts/build.js').buildIfStale()
  await startRedis()
}

async function startRedis () {
  if (process.env.REDIS_URL || await answers(6379)) return
  try {
    execFileSync('redis-server', ['--daemonize', 'yes', '--port', '6379', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  } catch (error) {
    const why = error.code === 'ENOENT' ? 'no redis-server is installed (apt-get install redis-server)' : `redis-server would not start: ${error.message}`
    console.warn(`\nNo Redis answers on 127.0.0.1:6379 and ${why}. The redis driver tests will fail; start Redis there or set REDIS_URL.\n`)
    return
  }
  for (let tries = 0; tries < 50 && !await answers(6379); tries++) await new Promise((resolve) => setTimeout(resolve, 100))
}
