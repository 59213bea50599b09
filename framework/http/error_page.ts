/**
 * The built-in error page: status, title and message, and the stack in development. Every
 * value is escaped.
 */
import { escapeHtml } from '../view/escape'

export interface ErrorPage {
  status: number
  title: string
  message: string
  stack?: string
  /** The request's CSP nonce, when Shield sent a policy: the page's own style needs it. */
  nonce?: string
}

export function renderErrorPage ({ status, title, message, stack, nonce }: ErrorPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${status} ${escapeHtml(title)}</title>
<style${nonce === undefined ? '' : ` nonce="${escapeHtml(nonce)}"`}>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; }
  main { max-width: 52rem; margin: 4rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
  .status { color: #c0392b; }
  pre { background: #fff; border: 1px solid #d9e2ec; padding: 1rem; overflow: auto; font-size: .85rem; }
</style>
</head>
<body>
<main>
  <h1><span class="status">${status}</span> ${escapeHtml(title)}</h1>
  <p>${escapeHtml(message)}</p>
  ${stack ? `<pre>${escapeHtml(stack)}</pre>` : ''}
</main>
</body>
</html>
`
}
