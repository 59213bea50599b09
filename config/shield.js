'use strict'

/**
 * Shield: security headers, Content-Security-Policy and CSRF protection, with AdonisJs 3's
 * keys. A key this file does not know stops the boot (a misspelt key would leave a protection
 * off). docs/security.md describes each one.
 */
module.exports = {
  /**
   * Content-Security-Policy. Keywords are written bare ('self', 'none', 'unsafe-inline'); '@nonce'
   * stands for this request's nonce: print it with {{ cspNonce }} in <script nonce="..."> and
   * <style nonce="..."> (request.nonce() in handlers). The scaffold's pages load scripts and
   * styles from files only, so they pass this policy as it is.
   */
  csp: {
    directives: {
      defaultSrc: ['self'],
      scriptSrc: ['self', '@nonce'],
      styleSrc: ['self', '@nonce'],
      imgSrc: ['self', 'data:'],
      objectSrc: ['none'],
      baseUri: ['self'],
      formAction: ['self'],
      frameAncestors: ['self'],
    },
    reportOnly: false,
    setAllHeaders: false,
    disableAndroid: true,
  },

  /** X-XSS-Protection: off, as browsers have dropped the filter (and it could be used to leak a page's content); the CSP above protects instead. */
  xss: {
    enabled: false,
    enableOnOldIE: false,
  },

  /** X-Frame-Options: DENY, SAMEORIGIN, ALLOW-FROM https://example.com, or false. */
  xframe: 'SAMEORIGIN',

  /** X-Content-Type-Options: nosniff. */
  nosniff: true,

  /** X-Download-Options: noopen (old Internet Explorer). */
  noopen: true,

  /** Referrer-Policy, or false. */
  referrerPolicy: 'strict-origin-when-cross-origin',

  /** Strict-Transport-Security, on HTTPS requests only; false to leave it out. */
  hsts: { maxAge: 15552000, includeSubDomains: true, preload: false },

  csrf: {
    enable: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    /** Paths that need no token (webhooks): exact, with :param segments, or ending with *. */
    filterUris: [],
    /** Also refuse checked requests whose Origin (or Referer) names another host, or that carry neither. */
    compareHostAndOrigin: false,
    /**
     * true: the XSRF-TOKEN cookie on every answer, a token for scripts to echo in the
     * x-xsrf-token header (axios and Angular do), as AdonisJs 3 always set it. Off here: these
     * pages post forms with {{ csrfField }}, and an answer such as /health then sets no cookie.
     */
    xsrfCookie: false,
    cookieOptions: { httpOnly: false, sameSite: 'strict', path: '/', maxAge: 7200 },
  },
}
