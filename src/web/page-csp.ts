import type { Request } from "express";

/** A Host header as it may appear in a CSP source (host, optional port); anything else is left out of the policy. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * A page's own Content-Security-Policy, replacing the API's `default-src 'none'` (helmet's, set before any route):
 * script and style from this origin only; requests to this origin — HTTP, and the WebSocket on the host the page
 * was loaded from (`ws:`/`wss:`, which not every browser counts as 'self'); no framing, no base URI, no form posted
 * anywhere. `extra` adds a page's own directives (images, fonts, Trusted Types).
 */
export function pageContentSecurityPolicy(req: Request, extra: string[]): string {
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : undefined;
  const connect = ["'self'", ...(host ? [`ws://${host}`, `wss://${host}`] : [])].join(" ");
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${connect}`,
    ...extra,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}
