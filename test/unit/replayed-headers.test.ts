import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { replayedHeaders, securityHeaders } from "../../src/security-headers";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The headers a middleware leaves on a fresh response to a POST /graphql. */
function headersAfter(middleware: Middleware): Record<string, unknown> {
  const req = new IncomingMessage(new Socket());
  req.method = "POST";
  req.url = "/graphql";
  const res = new ServerResponse(req);
  res.setHeader("X-Powered-By", "Express"); // what helmet removes
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
