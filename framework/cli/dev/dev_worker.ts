/**
 * The process `serve --dev` runs the app in. It loads the framework as soon as it starts and
 * then waits: it boots the app when told to (after a change), and listens when told to (once
 * the process it replaces has let go of the port). Loading the framework ahead of the change
 * is what makes a restart take a fraction of a second.
 */
import type { Application } from '../../application'
import type { ParentMessage, WorkerMessage } from './protocol'

// Stopped for a restart, or with the dev server: answer what is in flight for a moment, then go.
let stopping = false
let app: Application | null = null
function stop (): void {
  if (stopping) return
  stopping = true
  setTimeout(() => process.exit(0), 300).unref()
  if (app) app.close().then(() => process.exit(0), () => process.exit(0))
  else process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
// The dev server is gone (even killed outright): never outlive it. Set before the framework
// loads, which takes a while.
process.on('disconnect', stop)

const { boot } = require('../../ignitor') as typeof import('../../ignitor')
require('../../index')
const { formatError } = require('../error_format') as typeof import('../error_format')
const { listenAddress, listenFailure, servingInfo } = require('../listen') as typeof import('../listen')

const root = process.cwd()

function send (message: WorkerMessage): void {
  if (process.connected) process.send!(message)
}

async function listen (port: number | undefined): Promise<void> {
  const address = listenAddress(app!, port)
  try {
    const server = await app!.listen(address.port, address.host)
    send({ type: 'ready', serving: servingInfo(app!, server) })
  } catch (error) {
    send({ type: 'failed', phase: 'listen', message: listenFailure(error as NodeJS.ErrnoException, address) })
  }
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'boot') {
    try {
      app = boot({ root })
      send({ type: 'booted' })
    } catch (error) {
      send({ type: 'failed', phase: 'boot', message: formatError(error, root) })
    }
  } else if (message.type === 'listen' && app) {
    listen(message.port)
  }
})

if (!process.connected) stop()
send({ type: 'preloaded' })
