import type { RequestHandler } from "express";
import helmet from "helmet";

/** HSTS lifetime: one year, the value browsers' preload lists expect (we do not ask for preloading). */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * Security headers on every HTTP answer (GraphQL, health, errors, 404), set by helmet before any route runs.
 *
 * The API answers JSON, so the Content-Security-Policy forbids everything (`default-src 'none'`, no framing, no
 * base URI, no form target): a response rendered by a browser by mistake can load nothing and run nothing. The
 * browser pages (src/web/) replace it with a policy of their own that allows their scripts and styles from this
 * origin, and requests to it, only.
 *
 * HSTS only when the clients reach the server over TLS: `TRUST_PROXY_TLS=on` (TLS terminated by a proxy in front)
 * or NODE_ENV=production. Sent over plain HTTP on a developer's machine it would be ignored at best, and pin
 * `localhost` to HTTPS for other local servers at worst.
 */
export function securityHeaders(options: { nodeEnv: string; trustProxyTls?: boolean }): RequestHandler {
  const production = options.nodeEnv === "production";
  return helmet({
    strictTransportSecurity: production || options.trustProxyTls ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
  });
}
