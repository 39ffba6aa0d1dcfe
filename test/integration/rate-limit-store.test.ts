import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server, type Socket } from "node:net";
import postgres from "postgres";
import { openDatabase, type Database } from "../../src/db/client";
import { BucketStoreUnavailable, postgresBucketStore } from "../../src/rate-limit/bucket-store";
import { unique } from "../support/server";

/**
 * The Postgres bucket store against the real database (DATABASE_URL; on the embedded database the buckets live in
 * the process and test/unit/rate-limit.test.ts covers them): one statement decides atomically across nodes, and an
 * unreachable database is answered within the timeout.
 */
const databaseUrl = process.env.DATABASE_URL;
const POLICY = { capacity: 1_000, restorePerSecond: 0.001 }; // a restore too slow to matter within a test

describe.skipIf(!databaseUrl)("Postgres bucket store", () => {
  let nodeA: Database;
  let nodeB: Database;
  beforeAll(async () => {
    // Two pools, as two server nodes have.
    nodeA = await openDatabase({ databaseUrl, maxConnections: 10 });
    nodeB = await openDatabase({ databaseUrl, maxConnections: 10 });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
  });

  it("concurrent requests of one principal on two nodes never spend the same points", async () => {
    const a = postgresBucketStore(nodeA.pg!, POLICY, 5_000);
    const b = postgresBucketStore(nodeB.pg!, POLICY, 5_000);
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

  it("stores no subject in clear", async () => {
    const subject = unique("secret-subject");
    await postgresBucketStore(nodeA.pg!, POLICY, 5_000).take(subject, 1);
    const rows = await nodeA.pg!`select encode(subject_hash, 'escape') as key from rate_limit_buckets`;
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
    const store = postgresBucketStore(sql, POLICY, 300);
    const started = performance.now();
    const error = await store.take("anyone", 1).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(BucketStoreUnavailable);
    expect((error as BucketStoreUnavailable).reason).toBe("timeout");
    expect(elapsed).toBeLessThan(10_000); // not the 30 s connect timeout: the store gave up on its own
    await sql.end({ timeout: 0 });
  });
});
