import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server, type Socket } from "node:net";
import postgres from "postgres";
import { BucketStoreUnavailable, DEFAULT_CHARGE_BATCHING, postgresBucketStore, subjectKey, type ChargeBatching } from "../../src/rate-limit/bucket-store";
import { createRateLimiter, refusalError } from "../../src/rate-limit/rate-limiter";
import { take, type BucketState, type BucketTake } from "../../src/rate-limit/token-bucket";
import { unique } from "../support/server";
import { twoPostgresNodes } from "../support/database";
import { eventually } from "../support/wait";

/**
 * The Postgres bucket store against the real database (DATABASE_URL; on the embedded database the buckets live in
 * the process and test/unit/rate-limit.test.ts covers them): one statement decides atomically across nodes, the
 * charges that arrive together go in one statement with the decisions of charging them one by one, and an
 * unreachable or failing database answers every caller with BucketStoreUnavailable, never a hang. These stores charge
 * through statements only (no leases), so that each test knows its statements: the leases, which a busy principal's
 * charges take in production, are tested in test/integration/rate-limit-leases.test.ts.
 */
const databaseUrl = process.env.DATABASE_URL;
const POLICY = { capacity: 1_000, restorePerSecond: 0.001 }; // a restore too slow to matter within a test

/** A store without leases: every charge is decided by a batch statement. */
const batchStore = (sql: postgres.Sql, timeoutMs: number, batching: ChargeBatching = DEFAULT_CHARGE_BATCHING) => postgresBucketStore(sql, POLICY, timeoutMs, batching, null);

/** Costs of 1 to 97 points in a fixed, uneven order: some fit after a refusal, some do not. */
const costs = (n: number) => Array.from({ length: n }, (_, i) => ((i * 37) % 97) + 1);

/** The decisions of charging `amounts` one by one to a bucket in `state`, all at one instant (the in-process rule). */
function oneByOne(amounts: number[], state: BucketState | undefined): { decisions: BucketTake[]; state: BucketState } {
  const decisions: BucketTake[] = [];
  for (const cost of amounts) {
    const next = take(state, cost, 0, POLICY);
    decisions.push(next.result);
    state = next.state;
  }
  return { decisions, state: state! };
}

describe.skipIf(!databaseUrl)("Postgres bucket store", () => {
  const nodes = twoPostgresNodes();

  it("concurrent requests of one principal on two nodes never spend the same points", async () => {
    const a = batchStore(nodes.a.pg!, 5_000);
    const b = batchStore(nodes.b.pg!, 5_000);
    const subject = unique("bucket");
    // 40 requests of 70 points against 1,000: exactly 14 fit (980), whatever the interleaving.
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take(subject, 70)));
    expect(results.filter((r) => r.granted)).toHaveLength(14);
    const level = await a.level(subject);
    expect(level).toBeGreaterThanOrEqual(20);
    expect(level).toBeLessThan(21); // 20 left, plus at most a few thousandths restored
    // Refusals were not charged: every refused request saw at least what the grants left.
    for (const r of results.filter((r) => !r.granted)) expect(r.available).toBeGreaterThanOrEqual(20);
  });

  it("batches of one charge per principal on two nodes: each principal's two charges, one fits, exactly one is granted", async () => {
    const a = batchStore(nodes.a.pg!, 5_000);
    const b = batchStore(nodes.b.pg!, 5_000);
    const subjects = Array.from({ length: 50 }, () => unique("two-nodes"));
    // New rows (both nodes insert them at once), then existing rows (both update them at once).
    for (const cost of [600, 300]) {
      const [onA, onB] = await Promise.all([Promise.all(subjects.map((s) => a.take(s, cost))), Promise.all([...subjects].reverse().map((s) => b.take(s, cost)))]);
      onB.reverse();
      subjects.forEach((_, i) => expect([onA[i].granted, onB[i].granted].filter(Boolean)).toHaveLength(1));
    }
    expect(a.stats.statements + b.stats.statements).toBe(4);
  });

  it("many concurrent charges on one principal get exactly the decisions of charging them one by one, in arrival order", async () => {
    const store = batchStore(nodes.a.pg!, 5_000);
    const subject = unique("burst");
    // The first burst creates the row (the insert path), the second finds it (the locked update path).
    let state: BucketState | undefined;
    for (const amounts of [costs(60), costs(45).reverse()]) {
      const statementsBefore = store.stats.statements;
      const results = await Promise.all(amounts.map((cost) => store.take(subject, cost)));
      expect(store.stats.statements - statementsBefore).toBe(1);
      const expected = oneByOne(amounts, state);
      state = expected.state;
      expect(results.map((r) => r.granted)).toEqual(expected.decisions.map((d) => d.granted));
      expect(results.some((r) => !r.granted)).toBe(true);
      results.forEach((r, i) => expect(r.available).toBeCloseTo(expected.decisions[i].available, 1)); // (+ a few thousandths restored)
    }

    // The same costs charged one statement at a time, each awaited, on another principal: the same decisions.
    const other = unique("one-by-one");
    const sequential: boolean[] = [];
    for (const cost of costs(60)) sequential.push((await store.take(other, cost)).granted);
    expect(sequential).toEqual(oneByOne(costs(60), undefined).decisions.map((d) => d.granted));
  });

  it("a new principal's row inserted by another node meanwhile: the batch leaves its charges undecided and sends them again", async () => {
    const store = batchStore(nodes.a.pg!, 5_000);
    const subject = unique("raced");
    let charged: Promise<BucketTake[]> | undefined;
    // Node B inserts the row and commits only once node A's statement waits for that insert (so A found no row).
    await nodes.b.pg!.begin(async (tx) => {
      await tx`insert into rate_limit_buckets (subject_hash, tokens, updated_at, granted) values (${subjectKey(subject)}, 500, statement_timestamp(), true)`;
      charged = Promise.all([store.take(subject, 10), store.take(subject, 600), store.take(subject, 90)]);
      await eventually(async () => {
        const [row] = await nodes.b.pg!`select count(*)::int as n from pg_stat_activity where query like '%takeRateLimitTokens%' and wait_event_type = 'Lock'`;
        return row.n > 0;
      }, "node A's statement to wait for node B's insert");
    });
    const [first, second, third] = await charged!;
    expect(store.stats.statements).toBe(2); // the batch, then the same charges against node B's row
    expect(first.granted).toBe(true);
    expect(first.available).toBeCloseTo(490, 1);
    expect(second.granted).toBe(false); // 600 > 490: charged from node B's 500, not from a full bucket
    expect(third.granted).toBe(true);
    expect(third.available).toBeCloseTo(400, 1);
  });

  it("charges arriving together are sent as one statement per batch of at most maxBatch, each caller answered", async () => {
    let statements = 0;
    const sql = postgres(databaseUrl!, {
      max: 10,
      onnotice: () => {},
      debug: (_connection, query) => void (query.includes("takeRateLimitTokens") && statements++),
    });
    try {
      const subjects = Array.from({ length: 200 }, () => unique("together"));
      const store = batchStore(sql, 5_000);
      const results = await Promise.all(subjects.map((subject) => store.take(subject, 10)));
      expect(results).toEqual(subjects.map(() => ({ granted: true, available: 990 })));
      expect(statements).toBe(1); // one at a time these were 200 statements

      statements = 0;
      const small = batchStore(sql, 5_000, { maxBatch: 50, maxQueued: 1_000 });
      const again = await Promise.all(subjects.map((subject, i) => small.take(subject, i % 2 ? 5 : 995)));
      expect(statements).toBe(4);
      // The grants and refusals of each principal's second charge, from the level the first one left.
      expect(again.map((r) => r.granted)).toEqual(subjects.map((_, i) => i % 2 === 1));
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it("a batch the database fails gives each of its callers BucketStoreUnavailable, and the limiter SERVICE_UNAVAILABLE", async () => {
    // A session whose search path has no rate_limit_buckets: the database answers the statement with an error.
    const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {}, connection: { search_path: "no_such_schema" } });
    try {
      const store = batchStore(sql, 5_000);
      const errors = await Promise.all(Array.from({ length: 25 }, (_, i) => store.take(unique(`failing-${i % 5}`), 1).catch((e: unknown) => e)));
      expect(store.stats.statements).toBe(1);
      for (const error of errors) {
        expect(error).toBeInstanceOf(BucketStoreUnavailable);
        expect((error as BucketStoreUnavailable).reason).toBe("error");
      }
      const limiter = createRateLimiter(store, POLICY);
      const admissions = await Promise.all(Array.from({ length: 10 }, () => limiter.admit(unique("failing"), 3)));
      for (const admission of admissions) {
        expect(admission).toEqual({ kind: "unavailable", cost: 3 });
        expect(refusalError(admission, POLICY)?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryable: true });
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it("stores no subject in clear", async () => {
    const subject = unique("secret-subject");
    await batchStore(nodes.a.pg!, 5_000).take(subject, 1);
    const rows = await nodes.a.pg!`select encode(subject_hash, 'escape') as key from rate_limit_buckets`;
    expect(rows.some((r) => String(r.key).includes(subject))).toBe(false);
  });
});

describe("an unreachable bucket database", () => {
  let blackhole: Server;
  const sockets: Socket[] = [];
  let port: number;
  beforeAll(async () => {
    // Accepts connections and never answers: the worst case (a dead peer behind a live TCP endpoint).
    blackhole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    port = (blackhole.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => blackhole.close(resolve));
  });

  it("is answered within the timeout with BucketStoreUnavailable, not a hang", async () => {
    const sql = postgres(`postgres://postgres@127.0.0.1:${port}/none`, { max: 1, connect_timeout: 30, onnotice: () => {} });
    const store = batchStore(sql, 300);
    const started = performance.now();
    const error = await store.take("anyone", 1).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(BucketStoreUnavailable);
    expect((error as BucketStoreUnavailable).reason).toBe("timeout");
    expect(elapsed).toBeLessThan(10_000); // not the 30 s connect timeout: the store gave up on its own
    await sql.end({ timeout: 0 });
  });

  it("answers every caller of a batch, and every charge queued behind it, with a timeout; refuses one over maxQueued at once with busy", async () => {
    const sql = postgres(`postgres://postgres@127.0.0.1:${port}/none`, { max: 1, connect_timeout: 30, onnotice: () => {} });
    // Two charges are sent at once (maxBatch reached), three wait behind them (maxQueued), the sixth is refused.
    const store = batchStore(sql, 300, { maxBatch: 2, maxQueued: 3 });
    const settled: string[] = [];
    const waiting = Array.from({ length: 5 }, (_, i) =>
      store.take(`queued-${i}`, 1).catch((e: unknown) => {
        settled.push(`queued-${i}`);
        return e;
      }),
    );
    const refused = await store.take("one-too-many", 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BucketStoreUnavailable);
    expect((refused as BucketStoreUnavailable).reason).toBe("busy");
    expect(settled).toEqual([]); // refused before any of the queued ones was answered
    for (const error of await Promise.all(waiting)) {
      expect(error).toBeInstanceOf(BucketStoreUnavailable);
      expect((error as BucketStoreUnavailable).reason).toBe("timeout");
    }
    expect(store.stats.statements).toBe(1); // the queued ones failed with the batch, never sent to a dead database
    await sql.end({ timeout: 0 });
  });
});
