import type { IncomingMessage, ServerResponse } from "node:http";
import { trace } from "@opentelemetry/api";
import { ATTR_HTTP_ROUTE } from "@opentelemetry/semantic-conventions";
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from "@apollo/server";
import type { Context } from "./context";
import type { Logger } from "./logger";
import type { Principal } from "./auth/principal";
import type { HotLane } from "./graphql-hot-lane";
import type { HeaderMiddleware } from "./security-headers";
import { IDEMPOTENCY_KEY_EXTENSION, IDEMPOTENCY_KEY_HEADER } from "./idempotency/idempotency.request";

/** What a request handled by the fast path shares with the Express path's request log (`res.locals` there). */
export interface RequestLocals {
  requestId: string;
  principal?: Principal;
  operation?: unknown;
}

export interface GraphqlFastPathDeps {
  /** The Express app: every request the fast path does not take, from its first byte. */
  fallback: (req: IncomingMessage, res: ServerResponse) => void;
  /**
   * The Express stack after the body parser (idempotency keys, then Apollo's Express integration): a request whose
   * body names an idempotency key continues there, with `req.body` and `res.locals` set as the Express path sets them.
   */
  afterBodyParser: (req: IncomingMessage, res: ServerResponse) => void;
  /** The security headers middleware (src/security-headers.ts), the same instance Express runs first. */
  securityHeaders: HeaderMiddleware;
  /** The CORS middleware of /graphql, the same instance. */
  cors: HeaderMiddleware;
  /**
   * Sets `locals.requestId` and the x-request-id header, and logs and counts the request when it finishes (with
   * `locals.operation`): the Express path's first middleware after the security headers.
   */
  track: (req: IncomingMessage, res: ServerResponse, path: string, locals: RequestLocals) => void;
  /** The request's bearer token, verified (once per request: the Express path reads the same answer). */
  authenticate: (req: IncomingMessage) => Promise<Principal>;
  apollo: ApolloServer<Context>;
  /** The operation's context (the Express path's `context` function). */
  context: (principal: Principal, locals: RequestLocals) => Context;
  /** Hot queries without Apollo's pipeline (src/graphql-hot-lane.ts); null: every request goes through Apollo. */
  hotLane?: HotLane | null;
  maxBodyBytes: number;
  logger: Logger;
}

/** `Content-Type` values the fast path reads; any other (or a charset other than UTF-8) goes to Express. */
const JSON_CONTENT_TYPE = /^application\/json(?:\s*;\s*charset="?utf-8"?)?$/i;

/** The shape of every error the HTTP layer answers itself (the Express path's `httpError`). */
export function writeJsonError(res: ServerResponse, status: number, code: string, message: string): void {
  writeComplete(res, status, JSON.stringify({ errors: [{ message, extensions: { code } }] }), "application/json; charset=utf-8");
}

/** One answer in one socket write: status line, headers and body together, with a Content-Length (never chunked). */
function writeComplete(res: ServerResponse, status: number, body: string, contentType?: string): void {
  res.statusCode = status;
  if (contentType) res.setHeader("Content-Type", contentType);
  // Encoded once, outside the JavaScript heap: a string body would be measured, joined to the head and encoded again.
  const bytes = Buffer.from(body, "utf8");
  res.setHeader("Content-Length", bytes.length);
  res.end(bytes);
}

/**
 * `POST /graphql` on the raw Node server: the requests that make up the API's traffic skip Express's router, body
 * parser and Apollo's Express integration (about a fifth of a small query's CPU), and are written in one socket
 * write. The fast path takes a request only when its headers leave no choice to those layers — exactly
 * `POST /graphql`, `Content-Type: application/json` (UTF-8), a `Content-Length` between 1 and the body limit, no
 * `Content-Encoding`, no `Transfer-Encoding`, no `Idempotency-Key` header, and a bearer token that verifies —
 * and every other request (a refused token included: the Express path answers the 401) goes to Express untouched.
 *
 * It runs the same steps in the same order with the same middleware instances: security headers, request id and
 * request log/metrics, CORS, authentication before the body is read, the JSON body (strict: an object or array, as
 * body-parser's), then Apollo with the same context. A body that names an idempotency key in its extensions
 * continues on the Express stack after the body parser, where the keys are handled. Headers differ in one way: no
 * `ETag` (Express computes a hash of every answer; no client revalidates a POST).
 */
export function graphqlFastPath(deps: GraphqlFastPathDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { fallback, maxBodyBytes } = deps;
  const noop = () => {};

  const takes = (req: IncomingMessage): boolean => {
    if (req.method !== "POST" || req.url !== "/graphql") return false;
    const h = req.headers;
    if (h["transfer-encoding"] !== undefined || h["content-encoding"] !== undefined || h[IDEMPOTENCY_KEY_HEADER.toLowerCase()] !== undefined) return false;
    const type = h["content-type"];
    if (type === undefined || !JSON_CONTENT_TYPE.test(type)) return false;
    const length = Number(h["content-length"]);
    return Number.isInteger(length) && length >= 1 && length <= maxBodyBytes && typeof h.authorization === "string";
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, principal: Principal) => {
    // The HTTP span's name and route, as Express's instrumentation gives them to a request routed to /graphql.
    trace.getActiveSpan()?.updateName("POST /graphql").setAttribute(ATTR_HTTP_ROUTE, "/graphql");
    deps.securityHeaders(req, res, noop);
    const locals: RequestLocals = { requestId: "", principal };
    deps.track(req, res, "/graphql", locals);
    deps.cors(req, res, noop);
    const raw = await readBody(req);
    if (raw === null) return; // the client went away
    let body: unknown;
    try {
      body = parseStrictJson(raw);
    } catch {
      return writeJsonError(res, 400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    if (namesIdempotencyKey(body)) {
      Object.assign(req, { body });
      Object.assign(res, { locals });
      return deps.afterBodyParser(req, res);
    }
    const hot = deps.hotLane?.(body, req, () => deps.context(principal, locals));
    await writeAnswer(res, await (hot ?? apolloAnswer(req, body, principal, locals)));
  };

  const apolloAnswer = (req: IncomingMessage, body: unknown, principal: Principal, locals: RequestLocals) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    return deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body },
      context: async () => deps.context(principal, locals),
    });
  };

  return (req, res) => {
    if (!takes(req)) return fallback(req, res);
    // The token is checked before anything is written or read: a refused one goes to Express, which answers the 401
    // exactly as it answers any other (headers, request log, `Connection: close`).
    deps.authenticate(req).then(
      (principal) =>
        handle(req, res, principal).catch((err: unknown) => {
          deps.logger.error({ err }, "unhandled http error");
          if (!res.headersSent) writeJsonError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
          else res.destroy();
        }),
      () => fallback(req, res),
    );
  };
}

/** The body as text (UTF-8, a byte order mark dropped as body-parser drops it), or null when the request was aborted. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => {
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8");
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
    req.once("error", () => resolve(null));
    req.once("aborted", () => resolve(null));
  });
}

/** JSON.parse, refusing what body-parser's strict mode refuses: a top level that is not an object or an array. */
function parseStrictJson(text: string): unknown {
  let i = 0;
  while (i < text.length && JSON_WHITESPACE.has(text[i])) i++;
  if (text[i] !== "{" && text[i] !== "[") throw new SyntaxError("not an object or array");
  return JSON.parse(text);
}

const JSON_WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

function namesIdempotencyKey(body: unknown): boolean {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
  const extensions = (body as { extensions?: unknown }).extensions;
  return extensions !== null && typeof extensions === "object" && (extensions as Record<string, unknown>)[IDEMPOTENCY_KEY_EXTENSION] !== undefined;
}

async function writeAnswer(res: ServerResponse, answer: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  const status = answer.status ?? 200;
  if (answer.body.kind === "complete") return writeComplete(res, status, answer.body.string);
  // Incremental delivery (none today: graphql 16 has no @defer): chunked, as Apollo's Express integration writes it.
  res.statusCode = status;
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}
