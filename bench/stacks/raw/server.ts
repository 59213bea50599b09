/**
 * The raw limit: node:http with templates compiled once and rendered per request, and no
 * session, cookies, body parsing or CSRF. What is left is the cost of HTTP and of rendering
 * the same views; every other stack is measured against it.
 */
import http from 'node:http'
import nunjucks from 'nunjucks'
import { CART_ITEMS, VIEWS_DIR, serverSettings, stopOn } from '../shared/fixtures'

const settings = serverSettings()
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR), { autoescape: true })
const welcome = env.getTemplate('welcome.njk', true)
const cart = env.getTemplate('cart.njk', true)
const signup = env.getTemplate('signup_plain.njk', true)
const SIGNUP_DATA = {
  email: 'bad',
  errors: [{ field: 'email', validation: 'email', message: 'The email field must be a valid email address.' }],
  csrfToken: 'a-fixed-token',
}
let counter = 0

function html (res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

function text (res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

const server = http.createServer((req, res) => {
  const url = req.url ?? '/'
  const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url
  if (req.method === 'GET' && path === '/') return html(res, welcome.render({}))
  if (req.method === 'GET' && path === '/cart') return html(res, cart.render({ cartItems: CART_ITEMS }))
  if (req.method === 'GET' && path === '/count') return text(res, String(++counter))
  if (req.method === 'GET' && path === '/seed') return text(res, 'seeded')
  if (req.method === 'GET' && path === '/signup') return html(res, signup.render(SIGNUP_DATA))
  if (req.method === 'POST' && path === '/signup') {
    // Read the body to its end, as every stack does, then send the browser back.
    req.resume()
    req.on('end', () => {
      res.writeHead(302, { Location: '/signup', 'Content-Length': 0 })
      res.end()
    })
    return
  }
  res.writeHead(404, { 'Content-Length': 0 })
  res.end()
})

server.listen(settings.port, settings.host, () => {
  console.log(`raw node:http listening on http://${settings.host}:${settings.port}`)
})
stopOn(() => {
  server.close()
  server.closeIdleConnections()
})
