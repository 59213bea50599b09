'use strict'

/**
 * Cross-origin requests (AdonisJs 3's keys), answered by 'Adonis/Middleware/Cors' in
 * app/Http/kernel.ts. origin: false (the default) answers none: pages of other sites cannot
 * call this app from a browser.
 */
module.exports = {
  /** true (the request's origin), false (off), '*', 'https://a.example, https://b.example', or (origin) => true | false | string. */
  origin: false,
  /** Methods a preflight allows. */
  methods: 'GET, PUT, POST, PATCH, DELETE',
  /** Request headers a preflight allows: true for those it asks for, a list, or false. */
  headers: true,
  /** Response headers scripts may read: a list, or false. */
  exposeHeaders: false,
  /** Let cross-origin requests carry cookies (then origin cannot be '*'). */
  credentials: false,
  /** How long a browser may keep a preflight's answer, in seconds. */
  maxAge: 90,
}
