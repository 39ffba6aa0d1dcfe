/** The HTML of /status: the static frame the script fills. No inline script or style (the page's CSP forbids both). */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface StatusPageOptions {
  /** A development token to pre-fill (embedded development mode only). */
  devToken?: string;
  /** URLs of the page's script, style sheet and icon. */
  script: string;
  style: string;
  icon: string;
}

export function statusPageHtml(options: StatusPageOptions): string {
  const token = options.devToken ? ` value="${escapeHtml(options.devToken)}"` : "";
  const tokenHint = options.devToken
    ? `<p class="hint visually-hidden" id="token-hint">Pre-filled with a development OPERATOR token.</p>`
    : `<p class="hint visually-hidden" id="token-hint">A bearer token (JWT) with payroll:read; it stays in this tab only.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payroll status · EOR graph</title>
<link rel="icon" href="${escapeHtml(options.icon)}" type="image/svg+xml">
<link rel="stylesheet" href="${escapeHtml(options.style)}">
<script type="module" src="${escapeHtml(options.script)}"></script>
</head>
<body>
<a class="skip-link" href="#runs-heading">Skip to the payroll runs</a>
<header class="page">
  <h1>Payroll status</h1>
  <form id="token-form" aria-describedby="token-hint">
    <label for="token">Access token
      <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required${token}>
    </label>
    <button type="submit">Connect</button>
  </form>
  ${tokenHint}
  <div class="client-picker">
    <label for="client">Client
      <select id="client" name="client" disabled><option value="">—</option></select>
    </label>
  </div>
  <p class="status-line"><span id="connection" role="status" aria-live="polite" data-state="idle">Loading the page…</span><span id="viewer"></span></p>
</header>
<div id="error" role="alert" hidden></div>
<div id="notices" aria-live="polite"></div>
<main>
  <section aria-labelledby="runs-heading">
    <h2 id="runs-heading" tabindex="-1">Payroll runs</h2>
    <div id="runs"></div>
  </section>
  <aside id="summary-panel" aria-labelledby="summary-heading">
    <h2 id="summary-heading">Workforce summary</h2>
    <div id="summary"></div>
  </aside>
</main>
<div id="announcer" class="visually-hidden" aria-live="polite"></div>
<noscript><p>The status board needs JavaScript: it receives live updates over a WebSocket.</p></noscript>
</body>
</html>
`;
}

/** The page's icon: a small status dot. */
export const STATUS_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6" fill="#1a7f37"/></svg>`;
