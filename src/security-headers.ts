import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";

/** HSTS lifetime: one year, the value browsers' preload lists expect (we do not ask for preloading). */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * Security headers on every HTTP answer (GraphQL, health, errors, 404), set by helmet before any route runs.
 *
 * The server answers JSON only, so the Content-Security-Policy forbids everything (`default-src 'none'`, no
 * framing, no base URI, no form target): a response rendered by a browser by mistake can load nothing and run
 * nothing. One exception outside production: Apollo's landing page (GET /graphql asked for by a browser, HTML),
 * which loads the Apollo Sandbox from Apollo's CDN; that page gets every header but the CSP. Production disables
 * the landing page, so there every answer has the strict policy.
 *
 * HSTS only when the clients reach the server over TLS: `TRUST_PROXY_TLS=on` (TLS terminated by a proxy in front)
 * or NODE_ENV=production. Sent over plain HTTP on a developer's machine it would be ignored at best, and pin
 * `localhost` to HTTPS for other local servers at worst.
 */
export function securityHeaders(options: { nodeEnv: string; trustProxyTls?: boolean }): RequestHandler {
  const production = options.nodeEnv === "production";
  const common = {
    strictTransportSecurity: production || options.trustProxyTls ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
  } as const;
  const api = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
  });
  const landingPage = helmet({ ...common, contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => {
    const wantsLandingPage = !production && req.method === "GET" && req.path === "/graphql" && req.accepts(["application/json", "text/html"]) === "text/html";
    return (wantsLandingPage ? landingPage : api)(req, res, next);
  };
}
