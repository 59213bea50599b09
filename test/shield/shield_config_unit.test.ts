/** config/shield's checks and compilers, where their logic branches; boot errors through a real boot. */
import { boot } from 'adonis-lite'
import { compileCsp, cspMetaTags, policyWith } from '../../framework/shield/csp'
import { shieldConfig } from '../../framework/shield/shield_config'
import { compileUriFilter } from '../../framework/shield/uri_filter'
import { removeApp, tempApp, TEST_KEY } from '../helpers/apps'

describe('Shield | config/shield checks', () => {
  it("v3: accepts AdonisJs 3's sample config/shield.js as it was shipped", () => {
    const v3Sample = {
      csp: { directives: {}, reportOnly: false, setAllHeaders: false, disableAndroid: true },
      xss: { enabled: true, enableOnOldIE: false },
      xframe: 'DENY',
      nosniff: true,
      noopen: true,
      csrf: { enable: true, methods: ['POST', 'PUT', 'DELETE'], filterUris: [], compareHostAndOrigin: true },
    }
    const config = shieldConfig(v3Sample)
    expect(config.csp).toBeNull() // no directives, no header: as v3
    expect(config.csrf.methods).toEqual(['POST', 'PUT', 'DELETE'])
    expect(config.xss).toEqual({ enableOnOldIE: false, mode: 'block' })
  })

  it.each([
    [{ csrf: { enabled: false } }, /config\/shield\.js: csrf\.enabled is not a key this file knows: use enable, /],
    [{ xfram: 'DENY' }, /config\/shield\.js: xfram is not a key/],
    [{ xframe: 'ALLOW-FROM' }, /xframe must be 'DENY', 'SAMEORIGIN', 'ALLOW-FROM https/],
    [{ csp: { directives: { scriptSource: ['self'] } } }, /csp\.directives\.scriptSource is not a CSP directive/],
    [{ csp: { directives: { scriptSrc: ['self; report-uri /x'] } } }, /csp\.directives\.scriptSrc must list sources/],
    [{ csrf: { filterUris: ['/api/(.*)+'] } }, /csrf\.filterUris '\/api\/\(\.\*\)\+' must be a path/],
    [{ xss: { enabled: true, mode: 'report' } }, /xss\.mode must be 'block'/],
    [{ csrf: { compareHostAndOrigin: 'yes' } }, /csrf\.compareHostAndOrigin must be true or false/],
  ])('refuses %j at boot, naming the file and the key', (given, message) => {
    expect(() => shieldConfig(given)).toThrow(message)
  })

  it('names the file that exists: config/shield.ts when the app has that one', () => {
    const root = tempApp({ 'config/shield.ts': "export default { noopen: 'yes' }\n" })
    try {
      expect(() => boot({ root, config: { app: { appKey: TEST_KEY } } })).toThrow(/config\/shield\.ts: noopen must be true or false/)
    } finally {
      removeApp(root)
    }
  })
})

describe('Shield | CSP compilation', () => {
  it('v3: quotes keywords written bare, only as whole words, and puts the nonce wherever @nonce stands', () => {
    const csp = compileCsp({ directives: { defaultSrc: ['self', 'selfie.example'], scriptSrc: ['@nonce', "'strict-dynamic'"], styleSrc: ['@nonce'], upgradeInsecureRequests: true } }, 'config/shield.js')!
    expect(policyWith(csp, 'abc')).toBe("default-src 'self' selfie.example; script-src 'nonce-abc' 'strict-dynamic'; style-src 'nonce-abc'; upgrade-insecure-requests")
  })
})

describe('Shield | cspMeta', () => {
  it('leaves out what a meta element cannot carry: frame-ancestors, report-uri, report-only policies', () => {
    const policy = "default-src 'self'; frame-ancestors 'self'; report-uri /csp"
    expect(cspMetaTags(['Content-Security-Policy', 'X-WebKit-CSP-Report-Only'], policy)).toBe('<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;">')
  })
})

describe('Shield | csrf.filterUris', () => {
  const filter = compileUriFilter(['/webhooks/stripe', '/hooks/:id', '/opt/:id?', '/api/*', '/things*'], 'config/shield.js')
  it.each([
    ['/webhooks/stripe', true], ['/webhooks/stripe/', true], ['/webhooks/stripes', false],
    ['/hooks/1', true], ['/hooks', false], ['/hooks/1/2', false],
    ['/opt', true], ['/opt/2', true], ['/opt/2/3', false],
    ['/api', true], ['/api/a/b/c', true], ['/apis', false],
    ['/things', true], ['/things/5', true], ['/thing', false],
  ])('v3: %s exempt: %s', (path, exempt) => {
    expect(filter(path as string)).toBe(exempt)
  })

  it('matches a long path in linear time', () => {
    const started = process.hrtime.bigint()
    expect(filter('/a'.repeat(100_000))).toBe(false)
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500)
  })
})
