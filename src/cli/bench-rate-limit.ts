/**
 * What the rate limiter costs per request (`npm run bench:rate-limit`): the same server with and without the limiter,
 * on the embedded database and, when DATABASE_URL is set, on Postgres. Prints medians; asserts nothing.
 *
 *   - latency: one client sending requests one after another (what the limiter adds to each request: on Postgres
 *     one statement's round trip, on PGlite a Map update, plus the cost estimate and the headers);
 *   - throughput: CONCURRENCY clients, each its own principal, for the same number of requests (on Postgres, with
 *     the limiter's statements per request: concurrent requests' charges are coalesced);
 *   - store: the limiter's `admit` alone, called in a loop, then by CONCURRENCY loops at once (on Postgres the
 *     charges that arrive together go in one statement: the statements per charge are printed).
 *
 * Rounds alternate with and without, and the median of ROUNDS is reported (identical servers differ by several
 * percent here from one run to the next). The policy is large enough that nothing is refused: the cost of a refusal
 * is not what is measured.
 */
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { openDatabase, type Database } from "../db/client";
import { createApp } from "../app";
import { startServer, type RunningServer } from "../server";
import { createTokenVerifier, signDevToken } from "../auth/tokens";
import { DEFAULT_SCOPES } from "../auth/scopes";
import { createLogger } from "../logger";
import { loadConfig } from "../config";
import { piiCipherFromConfig } from "../pii/pii-keys";
import { rateLimiterFor } from "../rate-limit/rate-limiter";
import { createProgress } from "./progress";

const SECRET = randomBytes(32).toString("base64url");
const POLICY = { points: 1_000_000_000, restorePerSecond: 1_000_000_000 };
/** A small query that reads the database (one page of clients), as most requests do. */
const QUERY = JSON.stringify({ query: "{ clients(first: 10) { nodes { id name } } }" });
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = 16;
const STORE_CALLS = 2_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

async function request(url: string, token: string) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: QUERY });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/** Mean milliseconds per request, one after another. */
async function latency(server: RunningServer, token: string): Promise<number> {
  for (let i = 0; i < 20; i++) await request(server.url, token); // warm-up
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) await request(server.url, token);
  return (performance.now() - started) / REQUESTS;
}

/** Requests per second with CONCURRENCY clients in flight, each its own principal. */
async function throughput(server: RunningServer, tokens: string[]): Promise<number> {
  const perClient = Math.ceil(REQUESTS / CONCURRENCY) * 2;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      for (let i = 0; i < perClient; i++) await request(server.url, token);
    }),
  );
  return (perClient * tokens.length) / ((performance.now() - started) / 1000);
}

/** Progress on stderr (the numbers go to stdout): one updating line on a terminal, plain lines otherwise. */
const progress = createProgress({ label: "bench:rate-limit" });

async function benchOn(database: Database, label: string) {
  const logger = createLogger("warn");
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined, DATA_DIR: ".data" });
  const app = await createApp({ config: {}, database, logger, verifyToken: createTokenVerifier({ secret: SECRET }), pii: piiCipherFromConfig(config) });
  const transport = { corsOrigins: [], introspection: false, nodeEnv: "test" as const, rateLimit: POLICY };
  // The limiter the server would build (rateLimiterFor), built here to read the statements its store sends.
  const limiter = rateLimiterFor(database, POLICY, logger);
  const withLimiter = await startServer({ app, config: transport, rateLimiter: limiter }, 0, "127.0.0.1");
  const without = await startServer({ app, config: transport, rateLimiter: null }, 0, "127.0.0.1");
  const run = randomBytes(4).toString("hex");
  const token = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR, subject: `bench-${run}` });
  const tokens = await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) => signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR, subject: `bench-${run}-${i}` })),
  );

  const samples = { latencyWith: [] as number[], latencyWithout: [] as number[], rpsWith: [] as number[], rpsWithout: [] as number[] };
  const statementsIn = async <T>(work: () => Promise<T>) => {
    const before = limiter.store.stats?.statements ?? 0;
    const result = await work();
    return { result, statements: (limiter.store.stats?.statements ?? 0) - before };
  };
  const parallel = { requests: 0, statements: 0 };
  progress.step(`${label}: rounds with and without the limiter`, ROUNDS * 2);
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so that neither always runs on a warmer process.
    const order = round % 2 ? ([without, withLimiter] as const) : ([withLimiter, without] as const);
    for (const server of order) {
      const l = await latency(server, token);
      const { result: r, statements } = await statementsIn(() => throughput(server, tokens));
      if (server === withLimiter) {
        parallel.requests += Math.ceil(REQUESTS / CONCURRENCY) * 2 * CONCURRENCY;
        parallel.statements += statements;
      }
      (server === withLimiter ? samples.latencyWith : samples.latencyWithout).push(l);
      (server === withLimiter ? samples.rpsWith : samples.rpsWithout).push(r);
      progress.advance();
    }
  }
  progress.done();

  // The limiter's admit alone (store round trip + arithmetic): one after another, then CONCURRENCY loops at once.
  const storeSamples: number[] = [];
  const concurrentSamples: number[] = [];
  const concurrent = { calls: 0, statements: 0 };
  progress.step(`${label}: limiter.admit alone`, ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let i = 0; i < STORE_CALLS / ROUNDS; i++) await limiter.admit(`bench-store-${run}`, 4);
    storeSamples.push((performance.now() - started) / (STORE_CALLS / ROUNDS));
    const perLoop = Math.ceil(STORE_CALLS / ROUNDS / CONCURRENCY);
    const startedTogether = performance.now();
    const { statements } = await statementsIn(() =>
      Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, loop) => {
          for (let i = 0; i < perLoop; i++) await limiter.admit(`bench-store-${run}-${loop}`, 4);
        }),
      ),
    );
    concurrentSamples.push((performance.now() - startedTogether) / (perLoop * CONCURRENCY));
    concurrent.calls += perLoop * CONCURRENCY;
    concurrent.statements += statements;
    progress.advance();
  }
  progress.done();

  await app.stop();
  const lWith = median(samples.latencyWith);
  const lWithout = median(samples.latencyWithout);
  const rWith = median(samples.rpsWith);
  const rWithout = median(samples.rpsWithout);
  process.stdout.write(
    [
      `${label}: median of ${ROUNDS} rounds, ${REQUESTS} sequential requests each, then ${CONCURRENCY} clients in parallel`,
      `  latency per request   without limiter ${us(lWithout)}   with ${us(lWith)}   limiter adds ${us(lWith - lWithout)} (${(((lWith - lWithout) / lWithout) * 100).toFixed(1)} %)`,
      `  throughput            without limiter ${rWithout.toFixed(0)} req/s   with ${rWith.toFixed(0)} req/s   (${(((rWith - rWithout) / rWithout) * 100).toFixed(1)} %)`,
      `  limiter.admit alone   ${us(median(storeSamples))} per call one after another; ${us(median(concurrentSamples))} per call with ${CONCURRENCY} at once` +
        (limiter.store.stats ? ` (${(concurrent.statements / concurrent.calls).toFixed(3)} statements per call)` : ""),
      ...(limiter.store.stats
        ? [`  limiter statements    ${(parallel.statements / parallel.requests).toFixed(3)} per request with ${CONCURRENCY} clients in parallel (1 per request one after another)`]
        : []),
      ``,
    ].join("\n"),
  );
}

async function main() {
  const embedded = await openDatabase({ dataDir: "memory://" });
  await embedded.migrate(progress);
  await benchOn(embedded, "embedded PGlite (buckets in process)");
  await embedded.close();
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const postgres = await openDatabase({ databaseUrl, maxConnections: 10 });
    await postgres.migrate(progress);
    await benchOn(postgres, "Postgres (DATABASE_URL; buckets in rate_limit_buckets)");
    await postgres.close();
  } else {
    process.stdout.write("Postgres: skipped (set DATABASE_URL to measure the shared bucket table)\n");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
