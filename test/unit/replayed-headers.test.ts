import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import cors from "cors";
import { replayedHeaders, replayedPerOrigin, securityHeaders } from "../../src/security-headers";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The headers a middleware leaves on a fresh response to a POST /graphql (from `origin`, with headers already set). */
function headersAfter(middleware: Middleware, origin?: string, already: Record<string, string> = {}, method = "POST"): Record<string, unknown> {
  const req = new IncomingMessage(new Socket());
  req.method = method;
  req.url = "/graphql";
  if (origin !== undefined) req.headers.origin = origin;
  const res = new ServerResponse(req);
  res.setHeader("X-Powered-By", "Express"); // what helmet removes
  for (const [name, value] of Object.entries(already)) res.setHeader(name, value);
  let called = 0;
  middleware(req, res, () => called++);
  expect(called).toBe(1);
  return res.getHeaders();
}

describe("replayedHeaders", () => {
  it("sets exactly the headers helmet sets, for each configuration of the security headers", () => {
    for (const options of [{ nodeEnv: "development" }, { nodeEnv: "production" }, { nodeEnv: "test", trustProxyTls: true }]) {
      const helmet = securityHeaders(options) as unknown as Middleware;
      const replayed = replayedHeaders(helmet);
      expect(replayed).not.toBe(helmet);
      const expected = headersAfter(helmet);
      expect(Object.keys(expected)).toContain("content-security-policy");
      expect(expected["x-powered-by"]).toBeUndefined();
      expect(headersAfter(replayed)).toEqual(expected);
    }
  });

  it("keeps a middleware that reads the request, touches the response otherwise, or does not call next at once", () => {
    const readsRequest: Middleware = (req, res, next) => {
      res.setHeader("x-path", req.url ?? "");
      next();
    };
    const writesStatus: Middleware = (_req, res, next) => {
      res.statusCode = 204;
      next();
    };
    const later: Middleware = (_req, _res, next) => void setImmediate(next);
    const failing: Middleware = (_req, _res, next) => next(new Error("no"));
    for (const middleware of [readsRequest, writesStatus, later, failing]) expect(replayedHeaders(middleware)).toBe(middleware);
  });
});

describe("replayedPerOrigin", () => {
  const exposedHeaders = ["RateLimit", "x-request-id"];
  const configurations = [
    cors({ origin: ["https://app.example.com"], credentials: false, exposedHeaders }),
    cors({ origin: true, credentials: false, exposedHeaders }),
  ] as unknown as Middleware[];

  it("sets what the CORS middleware sets, for no origin, an allowed one and another, again and again", () => {
    for (const middleware of configurations) {
      const replayed = replayedPerOrigin(middleware, "POST");
      for (let round = 0; round < 2; round++) {
        for (const origin of [undefined, "https://app.example.com", "https://evil.example.net"]) {
          const expected = headersAfter(middleware, origin);
          expect(expected.vary).toBe("Origin");
          expect(headersAfter(replayed, origin)).toEqual(expected);
        }
      }
      // The recording read Vary (absent): a response that already has one is answered by the middleware itself.
      expect(headersAfter(replayed, "https://app.example.com", { vary: "Accept" })).toEqual(headersAfter(middleware, "https://app.example.com", { vary: "Accept" }));
      expect(headersAfter(replayed, "https://app.example.com", { vary: "Accept" }).vary).toBe("Accept, Origin");
      // Another method: the middleware itself.
      expect(headersAfter(replayed, "https://app.example.com", {}, "PUT")).toEqual(headersAfter(middleware, "https://app.example.com", {}, "PUT"));
    }
  });

  it("keeps a middleware that reads another request header", () => {
    const readsHost: Middleware = (req, res, next) => {
      res.setHeader("x-host", req.headers.host ?? "");
      next();
    };
    let calls = 0;
    const counted: Middleware = (req, res, next) => {
      calls++;
      readsHost(req, res, next);
    };
    const replayed = replayedPerOrigin(counted, "POST");
    headersAfter(replayed, "https://app.example.com");
    headersAfter(replayed, "https://app.example.com");
    expect(calls).toBe(3); // the recording attempt, then the middleware itself for each request
  });
});
