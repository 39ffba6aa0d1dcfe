import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/client";
import { createLogger } from "../../src/logger";
import { IdempotencyService, type Decision } from "../../src/idempotency/idempotency.service";
import { idempotencyKeys } from "../../src/idempotency/idempotency.table";
import { IdempotencyErrorCode } from "../../src/idempotency/idempotency.errors";
import { unique } from "../support/server";
import { testPiiCipher } from "../support/pii";
import { eventually } from "../support/wait";

/**
 * The store's rules on a real database (the shared Postgres with DATABASE_URL, else a fresh PGlite), with a clock
 * the test moves. The clocks are far from today (2100, and 2000 for the purge) so that no other test file's keys
 * are touched on the shared database.
 */
let database: Database;
const logger = createLogger("silent");
const HOUR = 3_600_000;
const LEASE_MS = 70_000;

beforeAll(async () => {
  database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "memory://", maxConnections: 3 });
  if (!process.env.DATABASE_URL) await database.migrate();
});
afterAll(async () => database?.close());

/** A store whose clock reads `clock.now`. */
function store(clock: { now: Date }, pii = testPiiCipher()) {
  return new IdempotencyService(database.db, pii, logger, { retentionHours: 24, leaseMs: LEASE_MS, now: () => clock.now });
}
const request = (key: string, fingerprintInput = '{"query":"mutation { a }"}') => ({ principalSub: "store-test", key, fingerprintInput });
const kindOf = (d: Decision) => (d.kind === "refuse" ? d.error.code : d.kind);
const reservationOf = (d: Decision) => {
  if (d.kind !== "execute") throw new Error(`expected a reservation, got ${kindOf(d)}`);
  return d.reservation;
};
const rowOf = async (key: string) => (await database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.idempotencyKey, key)))[0];

describe("idempotency store", () => {
  it("reserve → in use → completed → replayed; another fingerprint is refused", async () => {
    const clock = { now: new Date("2100-01-01T00:00:00Z") };
    const s = store(clock);
    const key = unique("store");
    const reservation = reservationOf(await s.begin(request(key)));
    expect(kindOf(await s.begin(request(key)))).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_IN_USE);
    expect(kindOf(await s.begin(request(key, "other")))).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED);
    await s.complete(reservation, 200, '{"data":{"a":"é"}}');
    expect(await s.begin(request(key))).toEqual({ kind: "replay", status: 200, body: '{"data":{"a":"é"}}' });
    expect(kindOf(await s.begin(request(key, "other")))).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED);
  });

  it("a released key is free again", async () => {
    const s = store({ now: new Date("2100-01-02T00:00:00Z") });
    const key = unique("store");
    await s.release(reservationOf(await s.begin(request(key))));
    expect(await rowOf(key)).toBeUndefined();
    expect(kindOf(await s.begin(request(key, "another request")))).toBe("execute");
  });

  it("a reservation past its lease (its process died) is taken over by the same request only; the dead holder can no longer store", async () => {
    const clock = { now: new Date("2100-01-03T00:00:00Z") };
    const s = store(clock);
    const key = unique("store");
    const dead = reservationOf(await s.begin(request(key)));
    clock.now = new Date(clock.now.getTime() + LEASE_MS - 1);
    expect(kindOf(await s.begin(request(key)))).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_IN_USE);
    clock.now = new Date(clock.now.getTime() + 1);
    expect(kindOf(await s.begin(request(key, "other")))).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED);
    const successor = reservationOf(await s.begin(request(key)));
    expect(successor.id).not.toBe(dead.id);
    await s.complete(dead, 200, "late");
    expect((await rowOf(key)).state).toBe("IN_PROGRESS");
    await s.release(dead);
    expect((await rowOf(key)).reservation).toBe(successor.id);
    await s.complete(successor, 200, "answer");
    expect(await s.begin(request(key))).toEqual({ kind: "replay", status: 200, body: "answer" });
  });

  it("an expired key executes again, for any request, even before the purge", async () => {
    const clock = { now: new Date("2100-01-04T00:00:00Z") };
    const s = store(clock);
    const key = unique("store");
    await s.complete(reservationOf(await s.begin(request(key))), 200, "first");
    clock.now = new Date(clock.now.getTime() + 24 * HOUR - 1);
    expect(kindOf(await s.begin(request(key)))).toBe("replay");
    clock.now = new Date(clock.now.getTime() + 1);
    expect(kindOf(await s.begin(request(key, "a new request")))).toBe("execute");
  });

  it("the purge deletes expired keys only, in bounded batches", async () => {
    const clock = { now: new Date("2000-01-01T00:00:00Z") };
    const s = store(clock);
    const keys = Array.from({ length: 5 }, () => unique("purge"));
    for (const key of keys) await s.complete(reservationOf(await s.begin(request(key))), 200, "x");
    clock.now = new Date("2000-01-01T12:00:00Z");
    const young = unique("purge");
    reservationOf(await s.begin(request(young)));
    expect(await s.purgeExpired(new Date("2000-01-01T23:59:59Z"), 2)).toBe(0);
    expect(await s.purgeExpired(new Date("2000-01-02T00:00:00Z"), 2)).toBe(5);
    for (const key of keys) expect(await rowOf(key)).toBeUndefined();
    expect(await rowOf(young)).toBeDefined();
    expect(await s.purgeExpired(new Date("2000-01-02T12:00:00Z"), 2)).toBe(1);
  });

  it("answers are stored in a PII envelope bound to the caller and key; during a key rotation the old fingerprints still match", async () => {
    const clock = { now: new Date("2100-01-05T00:00:00Z") };
    const key = unique("store");
    const old = store(clock);
    await old.complete(reservationOf(await old.begin(request(key))), 201, "secret answer");
    const row = await rowOf(key);
    expect(row.responseBody).not.toContain("secret");
    expect(row.responseBody!.startsWith("v1.")).toBe(true);
    const { PiiCipher } = await import("../../src/pii/pii-cipher");
    const { TEST_PII_KEY } = await import("../support/pii");
    const rotated = store(clock, new PiiCipher(Buffer.alloc(32, 7), [TEST_PII_KEY]));
    expect(await rotated.begin(request(key))).toEqual({ kind: "replay", status: 201, body: "secret answer" });
  });

  it("a database that does not answer within LOOKUP_TIMEOUT_MS refuses with SERVICE_UNAVAILABLE; the late reservation is given back", async () => {
    const clock = { now: new Date("2100-01-06T00:00:00Z") };
    const s = store(clock);
    const key = unique("store");
    // Another transaction inserts the key and holds it uncommitted: the lookup's INSERT waits for it.
    let releaseHolder!: () => void;
    const held = new Promise<void>((resolve) => (releaseHolder = resolve));
    let holderInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (holderInserted = resolve));
    const holder = database.db
      .transaction(async (tx) => {
        await new IdempotencyService(tx, testPiiCipher(), logger, { retentionHours: 24, leaseMs: LEASE_MS, now: () => clock.now }).begin(request(key));
        holderInserted();
        await held;
        tx.rollback();
      })
      .catch(() => {}); // rolled back on purpose
    await inserted;
    const decision = await s.begin(request(key));
    expect(kindOf(decision)).toBe(IdempotencyErrorCode.SERVICE_UNAVAILABLE);
    releaseHolder();
    await holder;
    // The lookup's INSERT lands once the holder rolls back, and is released at once: until then the key is in use.
    let next: Decision | undefined;
    await eventually(async () => (next = await s.begin(request(key))).kind !== "refuse", "the late reservation to be released");
    expect(kindOf(next!)).toBe("execute");
  });

  it("a database that is unreachable refuses with SERVICE_UNAVAILABLE", async () => {
    const closed = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "memory://", maxConnections: 1 });
    await closed.close();
    const s = new IdempotencyService(closed.db, testPiiCipher(), logger, { retentionHours: 24, leaseMs: LEASE_MS });
    expect(kindOf(await s.begin(request(unique("store"))))).toBe(IdempotencyErrorCode.SERVICE_UNAVAILABLE);
  });
});
