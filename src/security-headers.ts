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

/** A connect-style middleware that only sets headers and calls `next` (helmet, cors for a non-OPTIONS request). */
export type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** What a header middleware did to a stand-in response: the headers set (null: removed) and read, in order. */
interface Recording {
  set: [name: string, value: string | number | readonly string[] | null][];
  /** Response headers it read (they were absent): a replay is exact only while they still are. */
  read: string[];
}

/**
 * Runs `middleware` once on a stand-in request (only `request`'s fields, and of its headers only `headers`) and a
 * stand-in response (setHeader, removeHeader, getHeader of a header set by itself or absent). Null when it did
 * anything else, or did not call `next` without an error before returning.
 */
function record(middleware: HeaderMiddleware, request: Record<string, unknown>, headers: Record<string, string | undefined>): Recording | null {
  const recording: Recording = { set: [], read: [] };
  let faithful = true;
  let nextCalled = false;
  const stand = (allowed: Record<string, unknown>) =>
    new Proxy(allowed, {
      get(target, property) {
        if (typeof property === "string" && Object.hasOwn(target, property)) return target[property];
        faithful = false;
        return undefined;
      },
      set() {
        faithful = false;
        return true;
      },
    });
  const own = new Map<string, string | number | readonly string[]>();
  const req = stand({ ...request, headers: stand({ ...headers }) });
  const res = stand({
    setHeader: (name: string, value: string | number | readonly string[]) => {
      own.set(name.toLowerCase(), value);
      recording.set.push([name, value]);
    },
    removeHeader: (name: string) => {
      own.delete(name.toLowerCase());
      recording.set.push([name, null]);
    },
    getHeader: (name: string) => {
      if (!own.has(name.toLowerCase())) recording.read.push(name);
      return own.get(name.toLowerCase());
    },
  });
  try {
    middleware(req as unknown as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
      nextCalled = err === undefined;
    });
  } catch {
    faithful = false;
  }
  return faithful && nextCalled ? recording : null;
}

function replay(recording: Recording, res: ServerResponse): void {
  for (const [name, value] of recording.set) {
    if (value === null) res.removeHeader(name);
    else res.setHeader(name, value);
  }
}

/**
 * The same middleware, replayed: the headers `middleware` sets are recorded once, by running it on a stand-in
 * request and response, and set from that record on every response (helmet builds and sets about a dozen headers
 * per request, which are the same for every request of this configuration: no directive is a function).
 * When the middleware does anything but set or remove headers and call `next` at once — reads the request, or
 * touches the response otherwise — the recording is discarded and the middleware itself runs on every request.
 */
export function replayedHeaders(middleware: HeaderMiddleware): HeaderMiddleware {
  const recording = record(middleware, {}, {});
  if (!recording || recording.read.length > 0) return middleware;
  return (_req, res, next) => {
    replay(recording, res);
    next();
  };
}

/** Distinct `Origin` values whose recording `replayedPerOrigin` keeps; past them, the middleware runs itself. */
const ORIGINS_KEPT = 64;

/**
 * A CORS middleware, replayed per `Origin` for requests of one method (the fast path's POST): what it sets depends
 * on the method and the Origin header only. Each origin is recorded at its first request, on a stand-in request
 * of that method and origin (a middleware that reads anything else is never replayed); a recording that read a
 * response header (`Vary`) replays only while that header is still absent. Past ORIGINS_KEPT origins, and for
 * another method, the middleware runs itself.
 */
export function replayedPerOrigin(middleware: HeaderMiddleware, method: string): HeaderMiddleware {
  const recordings = new Map<string | undefined, Recording | null>();
  return (req, res, next) => {
    const origin = req.headers.origin;
    let recording = recordings.get(origin);
    if (recording === undefined && req.method === method && recordings.size < ORIGINS_KEPT) {
      recording = record(middleware, { method }, { origin });
      recordings.set(origin, recording);
    }
    if (!recording || req.method !== method || recording.read.some((name) => res.getHeader(name) !== undefined)) return middleware(req, res, next);
    replay(recording, res);
    next();
  };
}
