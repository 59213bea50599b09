import { defineConfig, drivers } from '@adonisjs/core/encryption'

/** AES-256-GCM, as adonis-lite's cookie driver. */
export default defineConfig({
  default: 'gcm',
  list: {
    gcm: drivers.aes256gcm({ id: 'gcm', keys: [process.env.APP_KEY] }),
  },
})
