export default {
  /** Largest JSON body; bigger ones are refused with 413. */
  jsonLimit: '1mb',
  /** Largest urlencoded form body (and the fields of a multipart form, together). */
  formLimit: '1mb',
  /** Largest text/plain body (request.raw()). */
  rawLimit: '1mb',
  /** How deep form keys such as a[b][c] may nest. */
  formDepth: 5,
  /** Largest file in a multipart form (forms opened with files: true). */
  fileLimit: '10mb',
  /** Most files in one multipart form. */
  maxFiles: 20,
}
