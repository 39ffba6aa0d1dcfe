import "reflect-metadata";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import { ConfigError, loadConfig, type Config } from "../config";
import { openDatabase } from "../db/client";
import { createApp } from "../app";
import { startServer } from "../server";
import { createLogger } from "../logger";
import { createTokenVerifier, signDevToken } from "../auth/tokens";
import { DEFAULT_SCOPES } from "../auth/scopes";
import { seedDemoData } from "../seed/seed";
import { piiCipherFromConfig } from "../pii/pii-keys";
import { payrollRuns } from "../modules/payroll/payroll.table";
import { recordEvent } from "../modules/events/event.repository";
import { parseGlobalId } from "../shared/global-id";

/**
 * npm run bench:subscriptions [-- --subscribers 1000 --per-socket 1 --rounds 5 --with-run]
 *
 * N graphql-ws subscribers of `payrollRunStatusChanged(runId)` on one run of one client; each round commits one
 * status change of that run and measures, for every subscriber, the time from the start of the committing
 * transaction to the arrival of the event on its socket. Prints p50 / p99 / max latency and the fan-out time.
 *
 * - Server: in this process on 127.0.0.1 (random port) over the embedded database (in memory), or over
 *   Postgres when DATABASE_URL is set (migrated and seeded like `npm run seed` if needed).
 * - Subscribers: a worker thread of this process (its own event loop, so the clients' JSON parsing does not
 *   queue behind the server's work), `--per-socket` subscriptions per WebSocket (default 1: 1,000 sockets).
 * - The status change is committed as the payroll lifecycle commits it: a guarded UPDATE and recordEvent (with
 *   its pg_notify) in one transaction. Delivery then goes the production way: NOTIFY → the node's tail reads the
 *   event once → every subscription filters and resolves it → WebSocket.
 * - `--with-run` also selects `payrollRun { id status }` on each event: one DataLoader query per subscriber
 *   per event (each subscription has its own principal and loaders).
 * Every wait is bounded; the process stops by itself.
 */
const USAGE = "Usage: npm run bench:subscriptions -- [--subscribers 1000] [--per-socket 1] [--rounds 5] [--with-run]";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      subscribers: { type: "string", default: "1000" },
      "per-socket": { type: "string", default: "1" },
      rounds: { type: "string", default: "5" },
      "with-run": { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const int = (name: string, raw: string, max: number) => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max) fail(`--${name} must be an integer 1-${max}`);
  return n;
};
const SUBSCRIBERS = int("subscribers", values.subscribers, 10_000);
const PER_SOCKET = int("per-socket", values["per-socket"], 1_000);
const ROUNDS = int("rounds", values.rounds, 50);
const WITH_RUN = values["with-run"];
const TIMEOUT_MS = 60_000;
const SECRET = "bench-subscriptions-secret-that-is-long-enough-0123";

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) fail(e.message);
  throw e;
}

/** The subscriber side, run in a worker thread: raw `graphql-transport-ws` sockets, receipt time of every event. */
const SUBSCRIBER_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { performance } = require("node:perf_hooks");
const WebSocket = require(workerData.wsPath);
const { url, token, query, variables, subscribers, perSocket } = workerData;
const now = () => performance.timeOrigin + performance.now();
let round = -1;
let times = [];
let connected = 0;
const sockets = [];
const sockCount = Math.ceil(subscribers / perSocket);
for (let s = 0; s < sockCount; s++) {
  const n = Math.min(perSocket, subscribers - s * perSocket);
  const ws = new WebSocket(url, "graphql-transport-ws");
  sockets.push(ws);
  ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: "Bearer " + token } })));
  ws.on("message", (data) => {
    const at = now();
    const message = JSON.parse(String(data));
    if (message.type === "connection_ack") {
      for (let i = 0; i < n; i++) ws.send(JSON.stringify({ type: "subscribe", id: String(i), payload: { query, variables } }));
      if (++connected === sockCount) parentPort.postMessage({ type: "connected" });
    } else if (message.type === "next") {
      if (message.payload.errors) parentPort.postMessage({ type: "error", errors: message.payload.errors });
      times.push(at);
      if (times.length === subscribers) parentPort.postMessage({ type: "round", round, times });
    } else if (message.type === "error") {
      parentPort.postMessage({ type: "error", errors: message.payload });
    }
  });
  ws.on("error", (e) => parentPort.postMessage({ type: "error", errors: [String(e)] }));
}
parentPort.on("message", (m) => {
  if (m.type === "round") { round = m.round; times = []; }
  if (m.type === "close") { for (const ws of sockets) ws.close(1000); setTimeout(() => process.exit(0), 200); }
});
`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: "memory://", maxConnections: 10 });
  await database.migrate();
  const pii = piiCipherFromConfig(config);
  await seedDemoData(database.db, pii);
  const logger = createLogger("warn");
  // The production composition root, on this database (it stays open: closed below) and the bench's secret.
  const app = await createApp({ config: {}, database, logger, verifyToken: createTokenVerifier({ secret: SECRET }), pii });
  const server = await startServer({ app, config: { corsOrigins: [], introspection: false, nodeEnv: "test" } }, 0, "127.0.0.1");
  const where = database.kind === "pglite" ? "embedded PGlite (in memory)" : "Postgres (DATABASE_URL)";

  const gql = async <T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data || body.errors) throw new Error(`setup failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const operator = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR });
  const { createClient } = await gql<{ createClient: { client: { id: string } } }>(
    operator,
    "mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } } }",
    {
      input: { name: `bench-subscriptions-${Date.now().toString(36)}` },
    },
  );
  const clientId = createClient.client.id;
  const clientDbId = parseGlobalId(clientId, "Client")!;
  const token = await signDevToken({ secret: SECRET, role: "CLIENT", clients: [clientId], scopes: DEFAULT_SCOPES.CLIENT });
  const { createPayrollRun } = await gql<{ createPayrollRun: { payrollRun: { id: string } } }>(
    token,
    "mutation($input: CreatePayrollRunInput!) { createPayrollRun(input: $input) { payrollRun { id } } }",
    { input: { clientId, kind: "OFF_CYCLE", country: "US", payDate: "2026-03-13" } },
  );
  const runId = createPayrollRun.payrollRun.id;
  const runDbId = parseGlobalId(runId, "PayrollRun")!;

  const selection = `cursor previousStatus status occurredAt actor { kind id }${WITH_RUN ? " payrollRun { id status }" : ""}`;
  const sockets = Math.ceil(SUBSCRIBERS / PER_SOCKET);
  process.stdout.write(
    `bench:subscriptions on ${where}: ${SUBSCRIBERS} subscribers of one run over ${sockets} WebSocket connection(s) (${PER_SOCKET} per socket), ${ROUNDS} status changes${WITH_RUN ? ", selecting payrollRun { id status }" : ""}\n`,
  );

  const setupStarted = performance.now();
  const worker = new Worker(SUBSCRIBER_WORKER, {
    eval: true,
    workerData: {
      wsPath: createRequire(import.meta.url).resolve("ws"),
      url: server.wsUrl.replace("localhost", "127.0.0.1"),
      token,
      query: `subscription($runId: ID) { payrollRunStatusChanged(runId: $runId) { ${selection} } }`,
      variables: { runId },
      subscribers: SUBSCRIBERS,
      perSocket: PER_SOCKET,
    },
  });
  const messages: { type: string; round?: number; times?: number[]; errors?: unknown }[] = [];
  // the worker thread (WORKER_SOURCE above) posts only these shapes
  worker.on("message", (m: (typeof messages)[number]) => messages.push(m));
  worker.on("error", (e) => messages.push({ type: "error", errors: String(e) }));

  const waitUntil = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + TIMEOUT_MS;
    while (!condition()) {
      const error = messages.find((m) => m.type === "error");
      if (error) throw new Error(`${what}: ${JSON.stringify(error.errors)}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  await waitUntil(() => messages.some((m) => m.type === "connected"), "the sockets to connect");
  await waitUntil(() => server.notifier.size.sinks >= SUBSCRIBERS, "every subscription to attach");
  process.stdout.write(`  ${sockets} sockets connected and ${SUBSCRIBERS} subscriptions attached in ${ms(performance.now() - setupStarted)}\n`);

  // DRAFT → CALCULATING → CALCULATED → DRAFT → … (each an allowed transition of the run state machine).
  const cycle = ["DRAFT", "CALCULATING", "CALCULATED"] as const;
  let status = 0;
  const changeStatus = async () => {
    const from = cycle[status % 3];
    const to = cycle[(status + 1) % 3];
    status++;
    await database.db.transaction(async (tx) => {
      const updated = await tx
        .update(payrollRuns)
        .set({ status: to, version: sql`${payrollRuns.version} + 1`, updatedAt: new Date() })
        .where(and(eq(payrollRuns.id, runDbId), eq(payrollRuns.status, from)))
        .returning({ id: payrollRuns.id });
      if (updated.length !== 1) throw new Error("the run changed under the benchmark");
      await recordEvent(tx, {
        clientId: clientDbId,
        type: "payrollRun.statusChanged",
        objectType: "PayrollRun",
        objectId: runDbId,
        actor: { kind: "SYSTEM", id: "bench" },
        before: { status: from },
        after: { status: to },
      });
    });
  };

  const all: number[] = [];
  const spreads: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    worker.postMessage({ type: "round", round });
    await new Promise((r) => setTimeout(r, 50)); // the worker has reset its round
    const started = performance.timeOrigin + performance.now();
    await changeStatus();
    const committed = performance.timeOrigin + performance.now();
    await waitUntil(() => messages.some((m) => m.type === "round" && m.round === round), `round ${round}: ${SUBSCRIBERS} deliveries`);
    const { times } = messages.find((m) => m.type === "round" && m.round === round)!;
    const latencies = times!.map((t) => t - started).sort((a, b) => a - b);
    const spread = latencies[latencies.length - 1] - latencies[0];
    const label = round === 0 ? "warm-up" : `round ${round}`;
    process.stdout.write(
      `  ${label.padEnd(8)} commit ${ms(committed - started)}  first ${ms(latencies[0])}  p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies[latencies.length - 1])}  fan-out ${ms(spread)}\n`,
    );
    if (round > 0) {
      all.push(...latencies);
      spreads.push(spread);
    }
  }
  all.sort((a, b) => a - b);
  process.stdout.write(
    `  all ${ROUNDS} rounds (${all.length} deliveries): p50 ${ms(percentile(all, 50))}  p99 ${ms(percentile(all, 99))}  max ${ms(all[all.length - 1])}; fan-out (first → last subscriber) median ${ms(spreads.sort((a, b) => a - b)[Math.floor(spreads.length / 2)])}\n` +
      `  latency = from the start of the committing transaction to the event's arrival on the subscriber's socket\n`,
  );

  worker.postMessage({ type: "close" });
  await new Promise((r) => worker.once("exit", r));
  await app.stop();
  await database.close();
}

const watchdog = setTimeout(() => {
  process.stderr.write("bench:subscriptions did not finish in time\n");
  process.exit(1);
}, 10 * 60_000);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench:subscriptions failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
