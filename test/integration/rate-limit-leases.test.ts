import { describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { postgresBucketStore, purgeFullBuckets, subjectKey, type PostgresBucketStore } from "../../src/rate-limit/bucket-store";
import type { LeasePolicy } from "../../src/rate-limit/leases";
import { take, type BucketPolicy, type BucketState, type BucketTake } from "../../src/rate-limit/token-bucket";
import { unique } from "../support/server";
import { twoPostgresNodes } from "../support/database";

/**
 * Point leases of the Postgres bucket store (src/rate-limit/leases.ts) against the real database: a busy principal's
 * charges are decided mostly without a statement, with exactly the decisions of charging them one by one; two
 * nodes leasing one principal never grant more than its bucket; a lease's points are not restored to the bucket
 * while it counts; a lease is handed back only while the database still counts it; a bucket whose lease counts is
 * not purged as full.
 */
const databaseUrl = process.env.DATABASE_URL;
/** Short leases, so that a test can wait for one to end. */
const LEASES: LeasePolicy = { lifeMs: 300, marginMs: 50, minCharges: 16, maxShare: 1 / 16 };
/** Leases that outlast a test: none lapses (and loses its unspent points) however slow a loaded machine runs it. */
const LASTING: LeasePolicy = { ...LEASES, lifeMs: 60_000 };
const STILL: BucketPolicy = { capacity: 10_000, restorePerSecond: 0.001 }; // a restore too slow to matter within a test
const INSTANT: BucketPolicy = { capacity: 10_000, restorePerSecond: 1_000_000 }; // full again at once

/** Costs of 1 to 20 points in a fixed, uneven order. */
const costs = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7) % 20) + 1);

/** The decisions of charging `amounts` one by one to a full bucket of `policy`, all at one instant (the in-process rule). */
function oneByOne(amounts: number[], policy: BucketPolicy): BucketTake[] {
  let state: BucketState | undefined;
  return amounts.map((cost) => {
    const next = take(state, cost, 0, policy);
    state = next.state;
    return next.result;
  });
}

/** Charges `amounts` in bursts of `burst` concurrent charges, each burst awaited: a busy principal. */
async function chargeInBursts(store: PostgresBucketStore, subject: string, amounts: number[], burst: number): Promise<BucketTake[]> {
  const results: BucketTake[] = [];
  for (let i = 0; i < amounts.length; i += burst) results.push(...(await Promise.all(amounts.slice(i, i + burst).map((cost) => store.take(subject, cost)))));
  return results;
}

describe.skipIf(!databaseUrl)("Postgres bucket store: leases", () => {
  const nodes = twoPostgresNodes();

  const row = async (subject: string) => {
    const [r] = await nodes.a.pg!`
      select tokens, leased, leased_until > statement_timestamp() as counts from rate_limit_buckets where subject_hash = ${subjectKey(subject)}`;
    return r ? { tokens: Number(r.tokens), leased: Number(r.leased), counts: Boolean(r.counts) } : null;
  };

  it("a busy principal is charged mostly from leases, with exactly the decisions of charging one by one", async () => {
    const store = postgresBucketStore(nodes.a.pg!, STILL, 5_000, undefined, LASTING);
    const subject = unique("busy");
    const amounts = costs(1_500); // ≈ 15,700 points against 10,000: the last ones are refused, some small ones still fit
    const results = await chargeInBursts(store, subject, amounts, 10);
    const expected = oneByOne(amounts, STILL);
    expect(results.map((r) => r.granted)).toEqual(expected.map((d) => d.granted));
    expect(results.filter((r) => !r.granted).length).toBeGreaterThan(100);
    results.forEach((r, i) => expect(r.available).toBeCloseTo(expected[i].available, 1));
    expect(store.stats.charges).toBe(amounts.length);
    expect(store.stats.fromLeases).toBeGreaterThan(amounts.length / 2);
    expect(store.stats.statements).toBeLessThan(amounts.length / 4);
  });

  it("a principal charged now and then never leases", async () => {
    const store = postgresBucketStore(nodes.a.pg!, STILL, 5_000, undefined, LEASES);
    const subject = unique("quiet");
    for (let i = 0; i < 4; i++) {
      expect((await store.take(subject, 5)).granted).toBe(true);
      await sleep(LEASES.lifeMs / 2);
    }
    expect(store.stats.fromLeases).toBe(0);
    expect(store.stats.statements).toBe(4);
    expect(await row(subject)).toMatchObject({ tokens: expect.closeTo(STILL.capacity - 20, 1), leased: 0 });
  });

  it("two nodes leasing one principal never grant more than its bucket; handed back, every point is accounted for", async () => {
    const a = postgresBucketStore(nodes.a.pg!, STILL, 5_000, undefined, LASTING);
    const b = postgresBucketStore(nodes.b.pg!, STILL, 5_000, undefined, LASTING);
    const subject = unique("two-nodes");
    const amounts = costs(1_200);
    // Both nodes are charged once together first: on a loaded machine one node could otherwise spend the whole
    // bucket before the other's first statement, and the test would not be about two nodes any more.
    const firsts = await Promise.all([a.take(subject, amounts[0]), b.take(subject, amounts[amounts.length - 1])]);
    const [restA, restB] = await Promise.all([chargeInBursts(a, subject, amounts.slice(1), 8), chargeInBursts(b, subject, amounts.slice(0, -1).reverse(), 8)]);
    const onA = [firsts[0], ...restA];
    const onB = [firsts[1], ...restB];
    const grantedA = onA.reduce((sum, r, i) => sum + (r.granted ? amounts[i] : 0), 0);
    const grantedB = onB.reduce((sum, r, i) => sum + (r.granted ? amounts[amounts.length - 1 - i] : 0), 0);
    expect(a.stats.fromLeases! + b.stats.fromLeases!).toBeGreaterThan(amounts.length / 2);
    expect(grantedA).toBeGreaterThan(0);
    expect(grantedB).toBeGreaterThan(0);
    expect(grantedA + grantedB).toBeLessThanOrEqual(STILL.capacity);

    await Promise.all([a.handBackLeases!(), b.handBackLeases!()]);
    const after = await row(subject);
    expect(after!.leased).toBe(0);
    expect(after!.tokens + grantedA + grantedB).toBeCloseTo(STILL.capacity, 1);
  });

  it("while a lease counts, the bucket restores only up to the capacity less its points; after it, up to the capacity", async () => {
    const leasing = postgresBucketStore(nodes.a.pg!, INSTANT, 5_000, undefined, LEASES);
    const other = postgresBucketStore(nodes.b.pg!, INSTANT, 5_000, undefined, null);
    const subject = unique("restore");
    for (let i = 0; i < 40; i++) await leasing.take(subject, 5);
    const held = await row(subject);
    expect(held!.counts).toBe(true);
    expect(held!.leased).toBeGreaterThan(0);
    // Another node sees the points the lease holds as missing, however fast the bucket restores.
    expect(await other.level(subject)).toBeCloseTo(INSTANT.capacity - held!.leased, 1);
    await sleep(LEASES.lifeMs + 50);
    expect(await other.level(subject)).toBe(INSTANT.capacity);
  });

  it("a lease is handed back only while the database still counts it", async () => {
    const a = postgresBucketStore(nodes.a.pg!, STILL, 5_000, undefined, LEASES);
    const b = postgresBucketStore(nodes.b.pg!, STILL, 5_000, undefined, LEASES);
    const subject = unique("lapsed");
    for (let i = 0; i < 40; i++) await a.take(subject, 5);
    expect((await row(subject))!.leased).toBeGreaterThan(0); // node A holds a lease
    await sleep(LEASES.lifeMs + 50); // its run ends: its points no longer count, and are lost to the bucket
    for (let i = 0; i < 40; i++) await b.take(subject, 5);
    const beforeA = await row(subject);
    expect(beforeA!.counts).toBe(true); // node B's lease, a new run
    const statements = a.stats.statements;
    expect((await a.take(subject, 5)).granted).toBe(true); // node A hands its old lease back with this charge
    expect(a.stats.statements).toBe(statements + 1);
    const afterA = await row(subject);
    // Node A's old lease was not in `leased` any more: nothing of it is taken out, nor its unspent points added.
    expect(afterA!.leased).toBeCloseTo(beforeA!.leased, 6);
    expect(afterA!.tokens).toBeCloseTo(beforeA!.tokens - 5, 1);

    // Handed back within the run, node B's lease leaves `leased` and its unspent points return.
    await b.handBackLeases!();
    const afterB = await row(subject);
    expect(afterB!.leased).toBe(0);
    expect(afterB!.tokens).toBeGreaterThan(afterA!.tokens);
  });

  it("a bucket whose lease counts is not purged as full; once the lease ends, it is", async () => {
    const store = postgresBucketStore(nodes.a.pg!, INSTANT, 5_000, undefined, LEASES);
    const subject = unique("purge");
    for (let i = 0; i < 40; i++) await store.take(subject, 5);
    expect((await row(subject))!.counts).toBe(true);
    await purgeFullBuckets(nodes.a.pg!, INSTANT, 100_000);
    expect(await row(subject)).not.toBeNull();
    await sleep(LEASES.lifeMs + 50);
    await purgeFullBuckets(nodes.a.pg!, INSTANT, 100_000);
    expect(await row(subject)).toBeNull();
  });
});
