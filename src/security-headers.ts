import type { IncomingMessage, ServerResponse } from "node:http";
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

type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * The same middleware, replayed: the headers `middleware` sets are recorded once, by running it on a stand-in
 * request and response, and set from that record on every response (helmet builds and sets about a dozen headers
 * per request, which are the same for every request of this configuration: no directive is a function).
 * When the middleware does anything but set or remove headers and call `next` at once — reads the request, or
 * touches the response otherwise — the recording is discarded and the middleware itself runs on every request.
 */
export function replayedHeaders(middleware: HeaderMiddleware): HeaderMiddleware {
  const record: [name: string, value: string | number | readonly string[] | null][] = [];
  let faithful = true;
  let nextCalled = false;
  const stand = (allowed: Record<string, unknown>) =>
    new Proxy(allowed, {
      get(target, property) {
        if (typeof property === "string" && property in target) return target[property];
        faithful = false;
        return undefined;
      },
      set() {
        faithful = false;
        return true;
      },
    });
  const req = stand({});
  const res = stand({
    setHeader: (name: string, value: string | number | readonly string[]) => void record.push([name, value]),
    removeHeader: (name: string) => void record.push([name, null]),
  });
  try {
    middleware(req as unknown as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
      nextCalled = err === undefined;
    });
  } catch {
    faithful = false;
  }
  if (!faithful || !nextCalled) return middleware;
  return (_req, response, next) => {
    for (const [name, value] of record) {
      if (value === null) response.removeHeader(name);
      else response.setHeader(name, value);
    }
    next();
  };
}
