import { describe, expect, it } from "vitest";
import { DEFAULT_LEASE_POLICY, SubjectLease } from "../../src/rate-limit/leases";

/** What one node knows of one principal's lease (src/rate-limit/leases.ts): its sizing, spending and hand-back. */
const POLICY = DEFAULT_LEASE_POLICY; // 1 s leases, at most 1/16 of the capacity, worth at least 16 charges
const CAPACITY = 10_000;
/** A bucket of that capacity that does not restore, and one that restores 1,000 points a second. */
const STILL = { capacity: CAPACITY, restorePerSecond: 0 };
const RESTORING = { capacity: CAPACITY, restorePerSecond: 1_000 };

describe("SubjectLease", () => {
  it("asks for no lease for a principal charged now and then", () => {
    const lease = new SubjectLease(0);
    lease.granted(5, 0, POLICY);
    expect(lease.want(5, 500, CAPACITY, POLICY)).toBe(0); // 10 points in 0.5 s: 20/s, a lease of 10 would not cover 16 charges
    lease.granted(5, 500, POLICY);
    expect(lease.want(5, 5_000, CAPACITY, POLICY)).toBe(0); // a stale window: measured from the next charge on
  });

  it("asks a busy principal for half a lifetime of its rate, at most 1/16 of the capacity", () => {
    const lease = new SubjectLease(0);
    for (let t = 0; t < 250; t += 1) lease.granted(4, t, POLICY); // 4 points a millisecond: 4,000 a second
    expect(lease.want(4, 250, 100_000, POLICY)).toBe(2_008); // (1,000 + 4) points over 0.25 s, for 0.5 s
    for (let t = 250; t < 500; t += 1) lease.granted(4, t, POLICY);
    expect(lease.want(4, 500, 20_000, POLICY)).toBe(1_250); // 2,004 wanted, 1/16 of 20,000 allowed
  });

  it("measures a burst over at least an eighth of a lifetime: two quick charges are not a rate", () => {
    const lease = new SubjectLease(0);
    lease.granted(6, 0, POLICY);
    expect(lease.want(6, 1, CAPACITY, POLICY)).toBe(0); // 12 points over 0.125 s: 96/s, a lease of 48 < 16 × 6
  });

  it("spends a lease while it holds the cost and has not expired, and reports the bucket's level plus what it holds", () => {
    const lease = new SubjectLease(0);
    lease.leased(100, "2026-11-30 12:00:00.123456+00", 5_000, 0, POLICY);
    expect(lease.spend(60, 10, STILL)).toBe(5_040);
    expect(lease.spend(50, 20, STILL)).toBeNull(); // 40 left
    expect(lease.spend(40, 30, STILL)).toBe(5_000);
    lease.leased(100, "2026-11-30 12:00:01.123456+00", 4_000, 1_000, POLICY);
    expect(lease.spend(10, 1_000 + POLICY.lifeMs - POLICY.marginMs, STILL)).toBeNull(); // expired here: the database's window ends a margin later
    expect(lease.spend(10, 1_000 + POLICY.lifeMs - POLICY.marginMs - 1, STILL)).toBe(4_090);
  });

  it("shows the token bucket's level: restored since the lease statement up to the capacity, less the costs granted", () => {
    const lease = new SubjectLease(0);
    lease.leased(500, "2026-11-30 12:00:00.123456+00", 9_000, 0, POLICY);
    expect(lease.spend(10, 100, RESTORING)).toBe(9_590); // 9,500 + 100 restored - 10
    expect(lease.spend(10, 300, RESTORING)).toBe(9_780); // + 200 - 10
    expect(lease.spend(10, 800, RESTORING)).toBe(CAPACITY - 10); // full again, less this charge
  });

  it("hands a lease back once, with its unspent points, and spends nothing of it after", () => {
    const lease = new SubjectLease(0);
    expect(lease.handBack()).toBeNull();
    lease.leased(100, "2026-11-30 12:00:00.123456+00", 5_000, 0, POLICY);
    lease.spend(30, 1, STILL);
    expect(lease.handBack()).toEqual({ points: 100, unspent: 70, takenAt: "2026-11-30 12:00:00.123456+00" });
    expect(lease.handBack()).toBeNull();
    expect(lease.spend(1, 2, STILL)).toBeNull();
  });

  it("a statement that leased nothing leaves nothing to spend or hand back", () => {
    const lease = new SubjectLease(0);
    lease.leased(0, "2026-11-30 12:00:00.123456+00", 3, 0, POLICY);
    expect(lease.spend(1, 1, STILL)).toBeNull();
    expect(lease.handBack()).toBeNull();
  });
});
