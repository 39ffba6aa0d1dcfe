import { Writable } from "node:stream";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/logger";
import { newPayrollRun, newTenant } from "../support/factories";
import { startTestServer, unique, type TestServer } from "../support/server";
import { randomString } from "../support/random";

/**
 * /metrics (src/observability/): served on the main port only with METRICS_TOKEN, to its bearer; on METRICS_PORT
 * by a listener bound to 127.0.0.1. Real servers, real operations: the counters are this app's own (one registry
 * per app), so their values are exact. Also the request log line: operation name, type and cost, never variables.
 */

const TOKEN = `metrics-${randomString(24)}`;
let plain: TestServer;
let t: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  [plain, t] = await Promise.all([startTestServer(), startTestServer({ metrics: { token: TOKEN, port: 0 }, logger: createLogger("info", sink) })]);
});
afterAll(() => Promise.all([plain?.stop(), t?.stop()]));

const metricsUrl = (server: TestServer) => server.url.replace(/\/graphql$/, "/metrics");
const scrape = async (server: TestServer, authorization?: string) => fetch(metricsUrl(server), { headers: authorization ? { authorization } : {} });
const scrapeText = async () => {
  const res = await scrape(t, `Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  return res.text();
};

/** The value of one sample line `name{labels} value` (labels in the order prom-client prints them), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const present = (m[2] ?? "").split(/,(?=[a-z_]+=")/).filter(Boolean);
    if (wanted.every((w) => present.includes(w))) return Number(m[3]);
  }
  return undefined;
}

const post = (server: TestServer, token: string, body: unknown) =>
  fetch(server.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

describe("/metrics on the main port", () => {
  it("is a 404 without METRICS_TOKEN", async () => {
    const res = await scrape(plain, "Bearer anything-at-all-123456");
    expect(res.status).toBe(404);
  });

  it("answers 401 without the token or with another one", async () => {
    expect((await scrape(t)).status).toBe(401);
    expect((await scrape(t, `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(t, `Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
    expect((await scrape(t, TOKEN)).status).toBe(401);
    const res = await scrape(t, "Basic Zm9vOmJhcg==");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("counts operations by name, type and outcome, errors by code, latencies, statements, sockets, subscriptions and delivered events", async () => {
    const operator = await t.token("OPERATOR");
    const name = `MetricsClients${randomString(6)}`;
    for (let i = 0; i < 2; i++) expect((await post(t, operator, { query: `query ${name} { clients(first: 2) { nodes { id } } }` })).status).toBe(200);
    const invalid = await post(t, operator, { query: "query MetricsBroken { noSuchField }" });
    expect(invalid.status).toBe(400);

    // A subscription over WebSocket that receives one event (a run created for its client).
    const tenant = await newTenant(t, "metrics");
    const received: unknown[] = [];
    const ws = t.ws(tenant.token);
    const stop = ws.subscribe(
      { query: "subscription MetricsRuns($clientId: ID) { payrollRunStatusChanged(clientId: $clientId) { status } }", variables: { clientId: tenant.clientId } },
      { next: (r) => void received.push(r), error: () => {}, complete: () => {} },
    );
    await vi.waitFor(async () => expect(sample(await scrapeText(), "eor_graphql_subscriptions")).toBe(1), { timeout: 5_000 });
    await newPayrollRun(t, tenant);
    await vi.waitFor(() => expect(received.length).toBe(1), { timeout: 5_000 });

    const open = await scrapeText();
    expect(sample(open, "eor_websocket_connections")).toBe(1);
    expect(sample(open, "eor_graphql_subscriptions")).toBe(1);
    expect(sample(open, "eor_event_delivery_lag_seconds_count")).toBe(1);
    expect(sample(open, "eor_events_written_total")).toBeGreaterThanOrEqual(2); // the client's and the run's creation

    stop();
    await ws.dispose();
    await vi.waitFor(
      async () => {
        const closed = await scrapeText();
        expect(sample(closed, "eor_graphql_subscriptions")).toBe(0);
        expect(sample(closed, "eor_websocket_connections")).toBe(0);
      },
      { timeout: 5_000 },
    );

    const text = await scrapeText();
    expect(sample(text, "eor_graphql_operations_total", { operation_name: name, operation_type: "query", outcome: "success", transport: "http" })).toBe(2);
    expect(sample(text, "eor_graphql_operations_total", { operation_name: "MetricsBroken", operation_type: "query", outcome: "error", transport: "http" })).toBe(1);
    expect(sample(text, "eor_graphql_operations_total", { operation_name: "MetricsRuns", operation_type: "subscription", outcome: "success", transport: "ws" })).toBe(1);
    expect(sample(text, "eor_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(1);
    expect(sample(text, "eor_graphql_operation_duration_seconds_count", { operation_name: name, operation_type: "query" })).toBe(2);
    expect(sample(text, "eor_http_request_duration_seconds_count", { method: "POST", route: "/graphql", status_class: "2xx" })).toBeGreaterThanOrEqual(2);
    expect(sample(text, "eor_db_statement_duration_seconds_count", { operation: "select", table: "clients" })).toBeGreaterThanOrEqual(2);
    expect(sample(text, "eor_db_statement_duration_seconds_count", { operation: "insert", table: "payroll_runs" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "eor_payroll_runs", { status: "DRAFT" })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^# TYPE eor_job_queue_depth gauge$/m);
    expect(text).toMatch(/^# TYPE eor_job_duration_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE eor_webhook_deliveries_total counter$/m);
    // Process metrics (collectDefaultMetrics).
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    // No statement text, no variable values in any label.
    expect(text).not.toMatch(/select "|where /i);
  });
});

describe("METRICS_PORT", () => {
  it("serves /metrics without a token on a listener bound to 127.0.0.1, and nothing else", async () => {
    const listener = t.server.metricsListener!;
    expect(listener).toBeDefined();
    expect(listener.url).toBe(`http://127.0.0.1:${listener.port}/metrics`);
    const res = await fetch(listener.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(/^# TYPE eor_graphql_operations_total counter$/m);
    expect((await fetch(listener.url.replace(/\/metrics$/, "/graphql"))).status).toBe(404);
    // Bound to loopback only: the main server's address is not where it listens.
    expect((t.server.httpServer.address() as AddressInfo).port).not.toBe(listener.port);
  });
});

describe("request log", () => {
  it("names the operation, its type and cost, and never carries the variables", async () => {
    const operator = await t.token("OPERATOR");
    const secret = unique("Zyxwvut");
    lines.length = 0;
    const res = await post(t, operator, { query: "query MetricsLogged($first: Int) { clients(first: $first) { nodes { id name } } }", variables: { first: 3, note: secret } });
    expect(res.status).toBe(200);
    const cost = ((await res.json()) as { extensions: { cost: { requestedQueryCost: number } } }).extensions.cost.requestedQueryCost;
    await vi.waitFor(() => expect(lines.some((l) => l.includes('"msg":"request"'))).toBe(true), { timeout: 5_000 });
    const entry = JSON.parse(lines.find((l) => l.includes('"msg":"request"'))!) as Record<string, unknown>;
    expect(entry).toMatchObject({ path: "/graphql", status: 200, operationName: "MetricsLogged", operationType: "query", cost, outcome: "success" });
    expect(cost).toBeGreaterThan(0);
    expect(lines.join("")).not.toContain(secret);
    expect(lines.join("")).not.toContain("variables");
  });
});
