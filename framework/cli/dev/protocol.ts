/** The messages between `serve --dev` (the parent) and the process that runs the app. */
import type { ServingInfo } from '../listen'

export type ParentMessage =
  | { type: 'boot' }
  | { type: 'listen', port?: number }

export type WorkerMessage =
  /** The framework is loaded; the process waits for 'boot'. */
  | { type: 'preloaded' }
  | { type: 'booted' }
  | { type: 'ready', serving: ServingInfo }
  /** Booting or listening failed; message is ready to print. */
  | { type: 'failed', message: string, phase: 'boot' | 'listen' }
