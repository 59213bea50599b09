'use strict'
/**
 * The demo app in a process of its own, as `adonis-lite serve` runs it, for the load test: production mode, file sessions in
 * SESSION_DIRECTORY, on a free loopback port. It tells its parent the port, and answers the
 * message 'memory' with its memory use after a full garbage collection (run with --expose-gc).
 */
// The compiled framework (dist/, rebuilt by the test setup when framework/ changed), the one
// the demo app's `import ... from 'adonis-lite'` gets: one copy of the Route facade. tsx loads
// the demo app's TypeScript.
require('tsx/cjs/api').register()
const path = require('node:path')
const { boot } = require('adonis-lite')

const app = boot({
  root: path.join(__dirname, '..', '..'),
  production: true,
  config: { session: { driver: 'file', file: { directory: process.env.SESSION_DIRECTORY } } },
})

app.listen(0, '127.0.0.1').then((server) => process.send({ port: server.address().port }))

process.on('message', (message) => {
  if (message === 'memory') {
    global.gc()
    global.gc()
    process.send({ memory: process.memoryUsage() })
  } else if (message === 'stop') {
    app.close().then(() => process.exit(0))
  }
})
