export default {
  /** Largest JSON body; bigger ones are refused with 413. */
  jsonLimit: '1mb',
  /** Largest urlencoded form body. */
  formLimit: '1mb',
  /** How deep form keys such as a[b][c] may nest. */
  formDepth: 5,
}
