/**
 * Read throughput and latency (`npm run bench:reads`, issue 11): our server, and optionally a peer GraphQL server
 * over the same database (PostGraphile 4.14) and a baseline build of ours (another checkout), under autocannon at
 * CONNECTIONS connections.
 *
 *   npm run bench:reads [-- --peer http://127.0.0.1:5000/graphql] [--baseline /path/to/other/checkout]
 *                          [--rounds 3] [--duration 10] [--connections 10] [--queries clients,nested]
 *
 * DATABASE_URL names a database made by `npm run bench:payroll -- --sizes 10000 --keep` (10,060 workers and
 * engagements). Each server of ours runs as a child process (`node --import tsx src/main.ts` in its checkout, with the
 * node flags of that checkout's `npm start`, LOG_LEVEL=warn and a rate limit that refuses nothing: the limiter still
 * charges every request); autocannon runs in this process. The peer is started by the caller (e.g. `postgraphile -c <url> --disable-query-log
 * --disable-default-mutations`), outside this repository.
 *
 * For each query, ROUNDS rounds of DURATION seconds per server, the servers' order rotating from round to round
 * (identical servers differ by up to 10% on a shared machine); the medians of req/s, p50 and p99 are printed with
 * the goal of the issue and whether it was met, and the server process's CPU time per request (from /proc: steadier
 * than req/s on a shared machine; the peer's with --peer-pid) and the database's (every local `postgres` process:
 * what a server that leaves more of its work to SQL spends there). Statements per request: after the timed rounds, this checkout's app
 * runs in this process on the same database for 200 requests per query, CONNECTIONS at a time as in the timed
 * rounds, counted by the database layer's statement counter (every statement drizzle sends) plus the statements of
 * the rate limiter's store (sent by postgres.js directly; concurrent charges share one). Asserts nothing.
 */
import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { createWriteStream, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { postgresClient } from "../db/socket";
import { signDevToken } from "../auth/tokens";
import { SCOPES } from "../auth/scopes";
import { toGlobalId } from "../shared/global-id";
import { createProgress } from "./progress";
import { openDatabase } from "../db/client";
import { createApp } from "../app";
import { startServer } from "../server";
import { rateLimiterFor } from "../rate-limit/rate-limiter";
import { createTokenVerifier } from "../auth/tokens";
import { createLogger } from "../logger";
import { PiiCipher } from "../pii/pii-cipher";

const USAGE =
  "Usage: npm run bench:reads -- [--peer <graphql url>] [--baseline <checkout dir>] [--rounds 3] [--duration 10] [--connections 10] [--queries typename,clients,nested,node,events]";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values } = ((): { values: { peer?: string; "peer-pid"?: string; baseline?: string; rounds: string; duration: string; connections: string; queries: string } } => {
  try {
    return parseArgs({
      options: {
        peer: { type: "string" },
        "peer-pid": { type: "string" },
        baseline: { type: "string" },
        rounds: { type: "string", default: "3" },
        duration: { type: "string", default: "10" },
        connections: { type: "string", default: "10" },
        queries: { type: "string", default: "typename,clients,nested,node,events" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
})();
const int = (name: string, raw: string, max: number) => {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) fail(`--${name} takes an integer 1-${max}`);
  return Number(raw);
};
const ROUNDS = int("rounds", values.rounds, 20);
const DURATION = int("duration", values.duration, 600);
const CONNECTIONS = int("connections", values.connections, 1000);
const DATABASE_URL = process.env.DATABASE_URL ?? fail("DATABASE_URL is required: a database made by `npm run bench:payroll -- --sizes 10000 --keep`");
const SECRET = randomBytes(32).toString("base64url");
const ISSUER = "bench-reads";
const AUDIENCE = "eor-graph";
const STATEMENT_SAMPLE = 200;

interface Goal {
  /** Least ratio of our req/s to the peer's. */
  minPeerRatio?: number;
  /** Largest p99 in ms. */
  maxP99Ms?: number;
}

interface BenchQuery {
  name: string;
  title: string;
  ours: string;
  peer: string;
  goal: Goal;
}

type Target = { name: string; url: string; headers: Record<string, string>; kind: "ours" | "peer"; child?: ChildProcess; pid?: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const server = createServer();
    server.once("error", ko);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/**
 * The node flags of a checkout's `npm start` (`tsx --max-semi-space-size=32 --import … src/main.ts`): its `--name=value`
 * options other than `--import`, which tsx hands to node. A benchmark runs each build as it is deployed.
 */
function startNodeFlags(dir: string): string[] {
  const start = (JSON.parse(readFileSync(resolve(dir, "package.json"), "utf8")) as { scripts?: { start?: string } }).scripts?.start ?? "";
  return start.split(/\s+/).filter((token) => /^--[a-z][a-z0-9-]*=\S+$/.test(token) && !token.startsWith("--import="));
}

/** Starts a checkout's server as a child process; resolves with its GraphQL URL once it is ready. */
async function startOurs(name: string, dir: string): Promise<Target> {
  const port = await freePort();
  // Each checkout runs with the node flags of its own `npm start` (the V8 heap sizes), then:
  // BENCH_SERVER_NODE_ARGS: extra node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof";
  // BENCH_BASELINE_NODE_ARGS: the baseline's, when they differ (to compare flags on one checkout).
  const flags = name === "baseline" ? (process.env.BENCH_BASELINE_NODE_ARGS ?? process.env.BENCH_SERVER_NODE_ARGS) : process.env.BENCH_SERVER_NODE_ARGS;
  const nodeArgs = [...startNodeFlags(dir), ...(flags ?? "").split(" ").filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/main.ts"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production", // as deployed (graphql-js's production build, no IDE); production needs the lines below
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      DATABASE_URL,
      JWT_SECRET: SECRET,
      PII_ENCRYPTION_KEY: randomBytes(32).toString("base64"), // the benchmark reads no personal data
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      RATE_LIMIT_POINTS: "1000000000",
      RATE_LIMIT_RESTORE_PER_SECOND: "1000000000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((ok, ko) => {
    const timer = setTimeout(() => ko(new Error(`${name}: not ready within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/EOR graph ready at/.test(output)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => ko(new Error(`${name} exited (${code}) before it was ready:\n${output}`)));
  });
  // BENCH_SERVER_LOG: a file the servers' output is appended to once they are ready (e.g. with `--trace-gc`).
  const log = process.env.BENCH_SERVER_LOG;
  if (log) {
    const file = createWriteStream(log, { flags: "a" });
    child.stdout.pipe(file, { end: false });
    child.stderr.pipe(file, { end: false });
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  return { name, url: `http://127.0.0.1:${port}/graphql`, headers: {}, kind: "ours", child, pid: child.pid };
}

async function stopChild(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((ok) => child.once("exit", ok));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

function bodyOf(target: Target, query: BenchQuery) {
  return JSON.stringify({ query: target.kind === "peer" ? query.peer : query.ours });
}

/** One request; refuses an answer with errors (a benchmark of error answers measures nothing). */
async function check(target: Target, query: BenchQuery) {
  const response = await fetch(target.url, { method: "POST", headers: target.headers, body: bodyOf(target, query) });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"')) throw new Error(`${target.name}, ${query.name}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return text.length;
}

/**
 * Statements per request of each query on this checkout's app, in this process (see the header): the drizzle
 * statements counted by the database layer, plus the rate limiter store's statements.
 */
async function statementsPerRequest(queries: BenchQuery[]): Promise<Map<string, number>> {
  const database = await openDatabase({ databaseUrl: DATABASE_URL, maxConnections: 4 });
  const counts = new Map<string, number>();
  try {
    const logger = createLogger("warn");
    const app = await createApp({ config: {}, database, logger, verifyToken: createTokenVerifier({ secret: SECRET }), pii: new PiiCipher(randomBytes(32)) });
    const transport = { corsOrigins: [], introspection: false, nodeEnv: "test" as const, rateLimit: { points: 1_000_000_000, restorePerSecond: 1_000_000_000 } };
    const rateLimiter = rateLimiterFor(database, transport.rateLimit, logger);
    const limiterStatements = () => rateLimiter.store.stats?.statements ?? 0;
    const server = await startServer({ app, config: transport, rateLimiter }, 0, "127.0.0.1");
    try {
      const token = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: [...SCOPES], subject: "bench-reads", expiresIn: "1h" });
      const target: Target = { name: "in-process", url: server.url, kind: "ours", headers: { "content-type": "application/json", authorization: `Bearer ${token}` } };
      for (const query of queries) {
        await check(target, query);
        const start = database.statements.count + limiterStatements();
        for (let sent = 0; sent < STATEMENT_SAMPLE; sent += CONNECTIONS) {
          await Promise.all(Array.from({ length: Math.min(CONNECTIONS, STATEMENT_SAMPLE - sent) }, () => check(target, query)));
        }
        counts.set(query.name, (database.statements.count + limiterStatements() - start) / STATEMENT_SAMPLE);
      }
    } finally {
      await app.stop();
    }
  } finally {
    await database.close();
  }
  return counts;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  /** CPU time of the server process per request (ms), when its pid is known. */
  cpuMs?: number;
  /** CPU time of the database's processes per request (ms), when the database runs on this machine. */
  dbCpuMs?: number;
}

/** User + system CPU time of a process and its threads, in ms (Linux /proc; undefined elsewhere). */
function cpuTimeMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    return cpuMsOfStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

/** User + system CPU time in ms of a `/proc/<pid>/stat` line (fields 14 and 15, after the command's closing parenthesis). */
function cpuMsOfStat(stat: string): number {
  const fields = stat.split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * User + system CPU time of every `postgres` process of this machine (the server and its backends), in ms: what a
 * request costs the database, which a server that leaves more of its work to SQL spends there instead of in its own
 * process. Undefined when there is none (a database elsewhere) or no /proc. Backends that end during a round take
 * their time with them; the servers' connections live through the rounds.
 */
function databaseCpuTimeMs(): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let total = 0;
  let found = false;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      total += cpuMsOfStat(stat);
      found = true;
    } catch {
      // the process ended while being read
    }
  }
  return found ? total : undefined;
}

async function run(target: Target, query: BenchQuery, duration: number): Promise<Sample> {
  const cpuBefore = cpuTimeMs(target.pid);
  const dbBefore = databaseCpuTimeMs();
  const result = await autocannon({ url: target.url, connections: CONNECTIONS, duration, method: "POST", headers: target.headers, body: bodyOf(target, query) });
  const cpuAfter = cpuTimeMs(target.pid);
  const dbAfter = databaseCpuTimeMs();
  const perRequest = (before: number | undefined, after: number | undefined) =>
    before !== undefined && after !== undefined && result.requests.total > 0 ? (after - before) / result.requests.total : undefined;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    cpuMs: perRequest(cpuBefore, cpuAfter),
    dbCpuMs: perRequest(dbBefore, dbAfter),
  };
}

async function main() {
  const say = (...lines: string[]) => process.stdout.write(`${lines.join("\n")}\n`);
  const progress = createProgress({ label: "bench:reads" });
  const sql = postgresClient(DATABASE_URL, { max: 1, onnotice: () => {} });
  const targets: Target[] = [];
  try {
    const [{ version }] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
    const [{ workers, engagements }] = await sql<{ workers: string; engagements: string }[]>`
      select (select count(*) from workers) as workers, (select count(*) from engagements) as engagements`;
    const [worker] = await sql<{ id: string }[]>`select id from workers order by created_at, id limit 1`;
    const [eventClient] = await sql<{ id: string }[]>`
      select c.id from clients c left join events e on e.client_id = c.id group by c.id order by count(e.id) desc, c.id limit 1`;
    if (!worker || !eventClient) fail("The database holds no workers: make it with `npm run bench:payroll -- --sizes 10000 --keep`");
    const queries: BenchQuery[] = [
      // The fixed cost of a request, with no resolver and no statement of its own (HTTP, authentication, the rate
      // limit, the GraphQL pipeline, the answer): what the other queries' costs stand on.
      { name: "typename", title: "{ __typename } (a request's fixed cost)", ours: "{ __typename }", peer: "{ __typename }", goal: {} },
      {
        name: "clients",
        title: "{ clients(first: 5) { nodes { id name } } }",
        ours: "{ clients(first: 5) { nodes { id name } } }",
        peer: "{ allClients(first: 5) { nodes { id name } } }",
        goal: { minPeerRatio: 1 },
      },
      {
        name: "nested",
        title: "50 workers → engagements(first: 5) → client + currentCompensation",
        ours: `{ workers(first: 50) { nodes { id status engagements(first: 5) { nodes { id title status
                 client { id name } currentCompensation { id basis effectiveFrom amount { amount currency } } } } } } }`,
        peer: `{ allWorkers(first: 50) { nodes { id status engagementsByWorkerIdAndClientId(first: 5) { nodes { id title status
                 clientByClientId { id name } compensationsByEngagementIdAndClientId(first: 1, orderBy: EFFECTIVE_FROM_DESC) { nodes { id basis effectiveFrom amount currency } } } } } } }`,
        goal: { minPeerRatio: 1, maxP99Ms: 50 },
      },
      {
        name: "node",
        title: "node(id:) of a worker",
        ours: `{ node(id: "${toGlobalId("Worker", worker.id)}") { id ... on Worker { status createdAt } } }`,
        peer: `{ workerById(id: "${worker.id}") { id status createdAt } }`,
        goal: {},
      },
      {
        name: "events",
        title: "a page of 50 events of a client",
        ours: `{ events(clientId: "${toGlobalId("Client", eventClient.id)}", first: 50) { nodes { cursor eventType objectType objectId occurredAt } } }`,
        peer: `{ allEvents(first: 50, condition: { clientId: "${eventClient.id}" }, orderBy: SEQ_ASC) { nodes { id type objectType objectId occurredAt } } }`,
        goal: {},
      },
    ].filter((q) => values.queries.split(",").includes(q.name));
    if (queries.length === 0) fail("--queries names none of typename, clients, nested, node, events");

    progress.step("starting servers");
    targets.push(await startOurs("ours", process.cwd()));
    if (values.baseline) targets.push(await startOurs("baseline", resolve(values.baseline)));
    const token = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: [...SCOPES], subject: "bench-reads", expiresIn: "2h", issuer: ISSUER, audience: AUDIENCE });
    for (const t of targets) t.headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    if (values.peer)
      targets.push({
        name: "peer",
        url: values.peer,
        headers: { "content-type": "application/json" },
        kind: "peer",
        pid: values["peer-pid"] ? Number(values["peer-pid"]) : undefined,
      });
    progress.done();

    const [load] = (await import("node:os")).loadavg();
    say(
      `bench:reads — Postgres ${version}, Node ${process.version}, ${Number(workers).toLocaleString("en-US")} workers, ${Number(engagements).toLocaleString("en-US")} engagements; ` +
        `${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION} s per server and query (order rotating); load average ${load.toFixed(2)} at start`,
    );
    say(`servers: ${targets.map((t) => `${t.name} (${t.url})`).join(", ")}`);
    let allMet = true;
    let unevaluated = false;
    const results: { query: BenchQuery; samples: Map<string, Sample[]> }[] = [];
    for (const query of queries) {
      for (const t of targets) await check(t, query);
      // Warm-up: JIT, statement caches, connection pools.
      progress.step(`${query.name}: warm-up`);
      for (const t of targets) await run(t, query, 3);
      const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < targets.length; i++) {
          const t = targets[(round + i) % targets.length];
          progress.step(`${query.name}: round ${round + 1}/${ROUNDS}, ${t.name}`);
          samples.get(t.name)!.push(await run(t, query, DURATION));
        }
      }
      progress.done();
      results.push({ query, samples });
    }
    progress.step("statements per request (in process)");
    const statements = await statementsPerRequest(queries);
    progress.done();
    for (const { query, samples } of results) {
      const summary = new Map(
        targets.map((t) => {
          const s = samples.get(t.name)!;
          const cpu = s.map((x) => x.cpuMs).filter((x): x is number => x !== undefined);
          const dbCpu = s.map((x) => x.dbCpuMs).filter((x): x is number => x !== undefined);
          return [
            t.name,
            {
              rps: median(s.map((x) => x.rps)),
              p50: median(s.map((x) => x.p50)),
              p99: median(s.map((x) => x.p99)),
              failed: s.reduce((n, x) => n + x.failed, 0),
              cpuMs: cpu.length ? median(cpu) : undefined,
              dbCpuMs: dbCpu.length ? median(dbCpu) : undefined,
            },
          ];
        }),
      );
      say(``, `${query.name}: ${query.title}`);
      for (const t of targets) {
        const s = summary.get(t.name)!;
        const st = t.name === "ours" ? statements.get(query.name) : undefined;
        say(
          `  ${t.name.padEnd(8)} ${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50.toFixed(0).padStart(4)} ms  p99 ${s.p99.toFixed(0).padStart(4)} ms` +
            (s.cpuMs !== undefined ? `  ${s.cpuMs.toFixed(2)} ms CPU/request` : "") +
            (s.dbCpuMs !== undefined ? ` (+ ${s.dbCpuMs.toFixed(2)} ms database)` : "") +
            (st !== undefined ? `  ${st.toFixed(1)} statements/request` : "") +
            (s.failed ? `  ${s.failed} failed` : "") +
            `  (rounds: ${samples
              .get(t.name)!
              .map((x) => x.rps.toFixed(0))
              .join(", ")} req/s)`,
        );
      }
      const ours = summary.get("ours")!;
      const base = summary.get("baseline");
      if (base) {
        const cpu = ours.cpuMs !== undefined && base.cpuMs !== undefined ? `, ${(base.cpuMs / ours.cpuMs).toFixed(2)}× less server CPU per request` : "";
        say(`  ours / baseline: ${(ours.rps / base.rps).toFixed(2)}× req/s${cpu}`);
      }
      const peer = summary.get("peer");
      const verdicts: string[] = [];
      if (query.goal.minPeerRatio !== undefined) {
        if (peer) {
          const ratio = ours.rps / peer.rps;
          const met = ratio >= query.goal.minPeerRatio;
          allMet &&= met;
          verdicts.push(`ours / peer ${ratio.toFixed(2)}× (goal ≥ ${query.goal.minPeerRatio.toFixed(1)}×: ${met ? "met" : "NOT met"})`);
        } else {
          unevaluated = true;
          verdicts.push(`goal ≥ ${query.goal.minPeerRatio.toFixed(1)}× the peer: not evaluated (no --peer)`);
        }
      } else if (peer) verdicts.push(`ours / peer ${(ours.rps / peer.rps).toFixed(2)}× (no goal)`);
      if (query.goal.maxP99Ms !== undefined) {
        const met = ours.p99 <= query.goal.maxP99Ms;
        allMet &&= met;
        verdicts.push(`p99 ${ours.p99.toFixed(0)} ms (goal ≤ ${query.goal.maxP99Ms} ms: ${met ? "met" : "NOT met"})`);
      }
      if (verdicts.length) say(`  ${verdicts.join("; ")}`);
    }
    const [loadEnd] = (await import("node:os")).loadavg();
    say(``, `load average ${loadEnd.toFixed(2)} at the end; goals ${allMet ? (unevaluated ? "met where evaluated" : "met") : "NOT all met"}`);
  } finally {
    for (const t of targets) await stopChild(t.child);
    await sql.end({ timeout: 5 });
  }
}

main().catch((error) => {
  process.stderr.write(`bench:reads failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
