import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger";
import type { AppMetrics } from "./metrics";

/**
 * /metrics, protected two ways (either, or both):
 * - on the main port, only with METRICS_TOKEN set, to `Authorization: Bearer <METRICS_TOKEN>` (compared in constant
 *   time; 401 otherwise); without METRICS_TOKEN the path answers 404 like any unknown path;
 * - on METRICS_PORT, a listener of its own bound to 127.0.0.1 (a sidecar or node agent scrapes it), without a token.
 */

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether `authorization` is `Bearer <token>`: both sides hashed first, so the comparison's time says nothing of the token's length either. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(presented), digest(token));
}

async function answer(metrics: AppMetrics, res: ServerResponse, logger: Logger): Promise<void> {
  try {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body);
  } catch (error) {
    logger.error({ err: error }, "metrics collection failed");
    res.writeHead(500, { "content-type": "text/plain" }).end("metrics collection failed\n");
  }
}

/**
 * The handler of GET /metrics on the main port (METRICS_TOKEN set). Returns true when it answered. The 401 names
 * the scheme only (no hint of the token).
 */
export function metricsOnMainPort(metrics: AppMetrics, token: string, logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!bearerMatches(req.headers.authorization, token)) {
      res
        .writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain" })
        .end("401 Unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>\n");
      return;
    }
    void answer(metrics, res, logger);
  };
}

export interface MetricsListener {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** The METRICS_PORT listener on 127.0.0.1: GET /metrics, 404 for anything else. Port 0 picks a free one (tests). */
export async function startMetricsListener(metrics: AppMetrics, port: number, logger: Logger): Promise<MetricsListener> {
  const server: Server = createServer({ requestTimeout: 10_000, headersTimeout: 10_000 }, (req, res) => {
    if ((req.url ?? "").split("?")[0] !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: GET /metrics\n");
      return;
    }
    void answer(metrics, res, logger);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/metrics`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
