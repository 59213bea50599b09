'use strict'
// The smallest Koa 3 app: the floor of a Koa app's cold start (bench/startup.ts).
const Koa = require('koa')

const app = new Koa()
app.use((ctx) => { ctx.body = 'Hello' })
app.listen(Number(process.env.PORT), '127.0.0.1')
