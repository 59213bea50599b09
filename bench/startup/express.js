'use strict'
// The smallest Express 5 app: the floor of an Express app's cold start (bench/startup.ts).
const express = require('express')

const app = express()
app.get('/', (request, response) => { response.send('Hello') })
app.listen(Number(process.env.PORT), '127.0.0.1')
