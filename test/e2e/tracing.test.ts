import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "../support/factories";
import { unconfiguredEnv } from "../support/env";

/**
 * Traces end to end: the real entry point as `npm start` runs it (`--import ./src/observability/instrument.ts`, the
 * preload that starts the OpenTelemetry SDK before http, express and graphql load), in embedded mode, exporting to an
 * OTLP/HTTP receiver in this test (the exporter sends JSON). One GraphQL request must give one trace in which the
 * HTTP server span (instrumentation-http) is an ancestor of the GraphQL operation span (instrumentation-graphql)
 * and of the SQL statement span the database layer makes (src/db/statement-timing.ts). Nothing is faked.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  scope: string;
  attributes: Record<string, unknown>;
}

const spans: ExportedSpan[] = [];
let receiver: Server;
let child: ChildProcess;
let dataDir: string;
let output = "";

function attributesOf(list: { key: string; value: Record<string, unknown> }[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      if (req.url === "/v1/traces") {
        const parsed = JSON.parse(body) as {
          resourceSpans: {
            scopeSpans: { scope: { name: string }; spans: (Omit<ExportedSpan, "scope" | "attributes"> & { attributes?: { key: string; value: Record<string, unknown> }[] })[] }[];
          }[];
        };
        for (const rs of parsed.resourceSpans)
          for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ ...s, scope: ss.scope.name, attributes: attributesOf(s.attributes) });
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve()));
  dataDir = mkdtempSync(join(tmpdir(), "eor-tracing-"));
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  it("exports one trace per request: HTTP → GraphQL operation → SQL statement", { timeout: 120_000 }, async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    child = spawn(process.execPath, ["--import", "tsx", "--import", "./src/observability/instrument.ts", "src/main.ts"], {
      cwd: ROOT,
      // The SDK's batch delay (its own variable) shortened so that spans arrive within the test.
      env: unconfiguredEnv({ PORT: String(port), DATA_DIR: dataDir, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: "eor-graph-test", OTEL_BSP_SCHEDULE_DELAY: "100" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    await vi.waitFor(() => expect(output).toMatch(/Demo tokens[\s\S]*\n\n/), { timeout: 100_000, interval: 200 });
    const token = /^ {2}OPERATOR[^\n]*:\n {4}([\w-]+\.[\w-]+\.[\w-]+)$/m.exec(output)?.[1];
    expect(token, output).toBeDefined();

    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "query TracedClients($first: Int) { clients(first: $first) { nodes { id } } }", variables: { first: 2 } }),
    });
    expect(res.status).toBe(200);

    await vi.waitFor(() => expect(spans.some((s) => s.name === "query TracedClients")).toBe(true), { timeout: 10_000, interval: 100 });
    const operation = spans.find((s) => s.name === "query TracedClients")!;
    await vi.waitFor(() => expect(spans.some((s) => s.traceId === operation.traceId && s.scope === "@opentelemetry/instrumentation-http")).toBe(true), {
      timeout: 10_000,
      interval: 100,
    });
    const trace = spans.filter((s) => s.traceId === operation.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestors = (span: ExportedSpan): ExportedSpan[] => {
      const chain: ExportedSpan[] = [];
      for (let p = span.parentSpanId && byId.get(span.parentSpanId); p; p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined) chain.push(p);
      return chain;
    };

    const http = trace.find((s) => s.scope === "@opentelemetry/instrumentation-http" && !s.parentSpanId)!;
    expect(http.name).toBe("POST /graphql");
    expect(ancestors(operation)).toContain(http);
    const sql = trace.find((s) => s.scope === "eor-graph.db" && s.name === "select clients");
    expect(sql, JSON.stringify(trace.map((s) => `${s.scope} ${s.name}`))).toBeDefined();
    expect(sql!.attributes).toMatchObject({ "db.system": "postgresql", "db.operation.name": "select", "db.collection.name": "clients" });
    expect(ancestors(sql!)).toContain(http);
    expect(ancestors(sql!).some((s) => s.scope === "@opentelemetry/instrumentation-graphql")).toBe(true);
    // No statement text and no variable value in any exported attribute.
    expect(JSON.stringify(trace)).not.toMatch(/"first":2|select "/);

    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  });
});
