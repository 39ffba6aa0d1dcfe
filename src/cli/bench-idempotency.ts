import "reflect-metadata";
import { parseArgs } from "node:util";
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { ConfigError, loadConfig, type Config } from "../config";
import { openDatabase } from "../db/client";
import { createApp } from "../app";
import { startServer } from "../server";
import { createLogger } from "../logger";
import { createTokenVerifier, signDevToken } from "../auth/tokens";
import { DEFAULT_SCOPES } from "../auth/scopes";
import { seedDemoData } from "../seed/seed";
import { piiCipherFromConfig } from "../pii/pii-keys";
import { fingerprintInput } from "../idempotency/idempotency.request";
import { createProgress } from "./progress";

/**
 * npm run bench:idempotency [-- --requests 200 --rounds 5]
 *
 * What an idempotency key costs a mutation. The same mutation (`createWorker`, a typical write) sent one request at
 * a time over HTTP (keep-alive), in three ways, interleaved within each round so that drift of a shared machine
 * hits them alike:
 *   - without a key (as before),
 *   - with a new key per request (reserve → execute → store the answer: the whole added cost),
 *   - a replay (the same key and request again: nothing executes).
 * And the lookup alone, without HTTP or execution: `begin` of a new key (keyed hash, INSERT … ON CONFLICT DO NOTHING
 * ), `complete` (encrypt, UPDATE), and `begin` of a
 * stored key (INSERT, SELECT, decrypt).
 * Prints, per way, the median over rounds of each round's median latency, and the added cost of the key.
 * Server in this process on 127.0.0.1 over the embedded database (in memory), or Postgres when DATABASE_URL is set
 * (migrated and seeded like `npm run seed` if needed; the workers it creates stay, under a client of their own).
 */
const USAGE = "Usage: npm run bench:idempotency -- [--requests 200] [--rounds 5]";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { requests: { type: "string", default: "200" }, rounds: { type: "string", default: "5" } }, strict: true, allowPositionals: false }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const int = (name: string, raw: string, max: number) => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max) fail(`--${name} must be an integer 1-${max}`);
  return n;
};
const REQUESTS = int("requests", values.requests, 10_000);
const ROUNDS = int("rounds", values.rounds, 50);
const SECRET = randomBytes(32).toString("base64url");

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) fail(e.message);
  throw e;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n: number) => `${n.toFixed(3)} ms`;

const MUTATION = "mutation CreateWorker($input: CreateWorkerInput!) { createWorker(input: $input) { worker { id version status } userErrors { code } } }";

/** Progress on stderr (the numbers go to stdout): one updating line on a terminal, plain lines otherwise. */
const progress = createProgress({ label: "bench:idempotency" });

async function main() {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: "memory://", maxConnections: 10 });
  await database.migrate(progress);
  const pii = piiCipherFromConfig(config);
  await seedDemoData(database.db, pii, progress);
  const logger = createLogger("warn");
  const app = await createApp({ config: {}, database, logger, verifyToken: createTokenVerifier({ secret: SECRET }), pii });
  // Without the rate limiter: this measures the key alone (bench:rate-limit measures the limiter), and its
  // thousands of requests from one principal would drain a bucket.
  const server = await startServer({ app, config: { corsOrigins: [], introspection: false, nodeEnv: "test" }, rateLimiter: null }, 0, "127.0.0.1");
  const where = database.kind === "pglite" ? "embedded PGlite (in memory)" : "Postgres (DATABASE_URL)";
  const url = server.url.replace("localhost", "127.0.0.1");

  const operator = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR, subject: `bench-idempotency-${randomUUID()}` });
  const post = async (body: unknown, key?: string) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${operator}`, ...(key ? { "idempotency-key": key } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200 || text.includes('"errors"')) throw new Error(`request failed (${res.status}): ${text}`);
    return { replayed: res.headers.get("idempotent-replayed") === "true", text };
  };
  const created = JSON.parse(
    (
      await post({
        query: "mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } } }",
        variables: { input: { name: `bench-idempotency-${Date.now().toString(36)}` } },
      })
    ).text,
  ) as { data: { createClient: { client: { id: string } } } };
  const clientId = created.data.createClient.client.id;
  let n = 0;
  const newRequest = () => ({
    query: MUTATION,
    variables: { input: { clientId, legalFirstName: "Bench", legalLastName: "Worker", email: `bench-${++n}@example.test`, homeJurisdiction: "US-TX" } },
  });
  const timed = async (send: () => Promise<unknown>) => {
    const started = performance.now();
    await send();
    return performance.now() - started;
  };

  process.stdout.write(`bench:idempotency on ${where}: createWorker over HTTP, one request at a time, ${REQUESTS} per way per round, ${ROUNDS} rounds\n`);
  // Warm-up: JIT, connection pool, plans.
  progress.step("warm-up", 50);
  for (let i = 0; i < 50; i++) {
    await post(newRequest());
    await post(newRequest(), randomUUID());
    progress.advance();
  }
  progress.done();
  const replayed = newRequest();
  const replayKey = randomUUID();
  await post(replayed, replayKey);

  const rounds = { none: [] as number[], key: [] as number[], replay: [] as number[], reserve: [] as number[], store: [] as number[], lookupStored: [] as number[] };
  const service = app.idempotency.service;
  for (let round = 0; round < ROUNDS; round++) {
    const samples = { none: [] as number[], key: [] as number[], replay: [] as number[], reserve: [] as number[], store: [] as number[], lookupStored: [] as number[] };
    progress.step(`round ${round + 1} of ${ROUNDS}`, REQUESTS);
    for (let i = 0; i < REQUESTS; i++) {
      samples.none.push(await timed(() => post(newRequest())));
      samples.key.push(await timed(() => post(newRequest(), randomUUID())));
      samples.replay.push(
        await timed(async () => {
          if (!(await post(replayed, replayKey)).replayed) throw new Error("not replayed");
        }),
      );
      // The lookup alone: reserve and store a new key; look up a stored one.
      const input = fingerprintInput(MUTATION, newRequest().variables, undefined);
      let decision: Awaited<ReturnType<typeof service.begin>> | undefined;
      samples.reserve.push(await timed(async () => (decision = await service.begin({ principalSub: "bench-idempotency", key: randomUUID(), fingerprintInput: input }))));
      if (decision?.kind !== "execute") throw new Error(`not reserved: ${decision?.kind}`);
      const reservation = decision.reservation;
      samples.store.push(await timed(() => service.complete(reservation, 200, '{"data":{"createWorker":{"worker":{"id":"x"}}}}')));
      samples.lookupStored.push(await timed(() => service.begin({ principalSub: "bench-idempotency", key: "stored", fingerprintInput: input })));
      progress.advance();
    }
    progress.done();
    for (const k of Object.keys(rounds) as (keyof typeof rounds)[]) rounds[k].push(median(samples[k]));
    process.stdout.write(
      `  round ${round + 1}: no key ${fmt(median(samples.none))}, new key ${fmt(median(samples.key))}, replay ${fmt(median(samples.replay))}, reserve ${fmt(median(samples.reserve))}, store ${fmt(median(samples.store))}\n`,
    );
  }

  const none = median(rounds.none);
  const key = median(rounds.key);
  const replay = median(rounds.replay);
  const added = key - none;
  process.stdout.write(
    [
      ``,
      `median of ${ROUNDS} round medians (${REQUESTS} requests each), ${where}:`,
      `| way | latency per request |`,
      `|---|---|`,
      `| createWorker without a key | ${fmt(none)} |`,
      `| createWorker with a new key (reserve, execute, store) | ${fmt(key)} |`,
      `| replay of a stored key (nothing executed) | ${fmt(replay)} |`,
      `| lookup alone: reserve a new key (keyed hash; INSERT) | ${fmt(median(rounds.reserve))} |`,
      `| lookup alone: store the answer (encrypt; UPDATE) | ${fmt(median(rounds.store))} |`,
      `| lookup alone: a stored key (INSERT, SELECT, decrypt) | ${fmt(median(rounds.lookupStored))} |`,
      ``,
      `added cost of a key on a mutation: ${fmt(added)} per request (${((added / none) * 100).toFixed(1)} % of ${fmt(none)}); no goal was set, the number is reported`,
      `a replay answers in ${((replay / none) * 100).toFixed(0)} % of an execution's time`,
      ``,
    ].join("\n"),
  );
  await app.stop();
  await database.close();
}

main().catch((error) => {
  process.stderr.write(`bench:idempotency failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
