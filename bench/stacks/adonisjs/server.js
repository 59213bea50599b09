/**
 * The AdonisJS 7 peer: @adonisjs/core 7 + @adonisjs/session 8, the benchmark's pages rendered
 * with the shared Nunjucks views. STORE picks the session store: 'cookie' (an encrypted cookie,
 * AES-256-GCM like adonis-lite's) or 'file'. Plain JavaScript, booted by AdonisJS's own Ignitor
 * with the providers its session docs list; run by `node --import tsx` so that it can use the
 * TypeScript helpers every peer shares (CSRF, validation, fixtures).
 */
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('./', import.meta.url)
const IMPORTER = (file) => file.startsWith('./') || file.startsWith('../') ? import(new URL(file, APP_ROOT).href) : import(file)

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.rcContents({
      providers: [
        () => import('@adonisjs/core/providers/app_provider'),
        () => import('@adonisjs/session/session_provider'),
      ],
      preloads: [
        () => import('./start/kernel.js'),
        () => import('./start/routes.js'),
      ],
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listen('SIGINT', () => app.terminate())
  })
  .httpServer()
  .start()
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
