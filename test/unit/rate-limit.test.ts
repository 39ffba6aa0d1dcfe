import { describe, expect, it } from "vitest";
import { levelAt, secondsUntil, secondsUntilFull, take, type BucketPolicy, type BucketState } from "../../src/rate-limit/token-bucket";
import { BucketStoreUnavailable, memoryBucketStore, type BucketStore } from "../../src/rate-limit/bucket-store";
import { costExtension, createRateLimiter, rateLimitHeaders, refusalError } from "../../src/rate-limit/rate-limiter";
import { RETRY_AFTER_SECONDS } from "../../src/db/availability";

/** The token bucket's arithmetic and the limiter's answers, on an injected clock: no server, no database, no waiting. */

const POLICY: BucketPolicy = { capacity: 100, restorePerSecond: 10 };

describe("token bucket", () => {
  it("a new principal's bucket is full; a grant takes the cost", () => {
    expect(levelAt(undefined, 0, POLICY)).toBe(100);
    const { state, result } = take(undefined, 30, 1_000, POLICY);
    expect(result).toEqual({ granted: true, available: 70 });
    expect(state).toEqual({ tokens: 70, at: 1_000 });
  });

  it("restores `restorePerSecond` per elapsed second, up to the capacity", () => {
    const state: BucketState = { tokens: 10, at: 0 };
    expect(levelAt(state, 500, POLICY)).toBe(15);
    expect(levelAt(state, 3_000, POLICY)).toBe(40);
    expect(levelAt(state, 60_000, POLICY)).toBe(100);
    // A clock that went backwards restores nothing (and takes nothing).
    expect(levelAt(state, -5_000, POLICY)).toBe(10);
  });

  it("a refusal charges nothing: the level stays what it was, restore included", () => {
    const { state, result } = take({ tokens: 5, at: 0 }, 30, 1_000, POLICY);
    expect(result).toEqual({ granted: false, available: 15 });
    expect(state).toEqual({ tokens: 15, at: 1_000 });
    // Enough later: granted from the restored level.
    expect(take(state, 30, 2_500, POLICY).result).toEqual({ granted: true, available: 0 });
  });

  it("drains and refills: requests of 40 every second against 100 restored at 10/s", () => {
    let state: BucketState | undefined;
    const outcomes: boolean[] = [];
    for (let second = 0; second < 6; second++) {
      const step = take(state, 40, second * 1_000, POLICY);
      state = step.state;
      outcomes.push(step.result.granted);
    }
    // 100 → 60 → 30 (+10 −40) → 0 (+10 −40); then 10, 20, 30 are refused (and not charged); at 6 s it holds 40.
    expect(outcomes).toEqual([true, true, true, false, false, false]);
    expect(levelAt(state, 6_000, POLICY)).toBe(40);
    expect(take(state, 40, 6_000, POLICY).result).toEqual({ granted: true, available: 0 });
  });

  it("whole seconds until enough points are back, and until full", () => {
    expect(secondsUntil(15, 30, POLICY)).toBe(2); // 15 missing at 10/s: 1.5 s → 2
    expect(secondsUntil(20, 30, POLICY)).toBe(1);
    expect(secondsUntil(30, 30, POLICY)).toBe(0);
    expect(secondsUntil(0.3 - 0.1, 10.2, POLICY)).toBe(1); // 10.000000000000002 missing: float noise adds no second
    expect(secondsUntilFull(70, POLICY)).toBe(3);
    expect(secondsUntilFull(100, POLICY)).toBe(0);
  });
});

describe("in-process store", () => {
  it("keeps one bucket per subject on its clock", async () => {
    let now = 0;
    const store = memoryBucketStore(POLICY, () => now);
    expect(await store.take("a", 60)).toEqual({ granted: true, available: 40 });
    expect(await store.take("a", 60)).toEqual({ granted: false, available: 40 });
    expect(await store.take("b", 60)).toEqual({ granted: true, available: 40 });
    now = 2_000;
    expect(await store.level("a")).toBe(60);
    expect(await store.take("a", 60)).toEqual({ granted: true, available: 0 });
    expect(await store.level("never-seen")).toBe(100);
  });
});

describe("limiter", () => {
  const limiterOn = (store: BucketStore) => createRateLimiter(store, POLICY);

  it("charges at least 1 point, rounds an estimate up, and reports the level", async () => {
    let now = 0;
    const limiter = limiterOn(memoryBucketStore(POLICY, () => now));
    expect(await limiter.admit("a", 0)).toEqual({ kind: "granted", cost: 1, available: 99 });
    expect(await limiter.admit("a", 8.2)).toEqual({ kind: "granted", cost: 9, available: 90 });
    now = 500;
    const granted = await limiter.admit("a", 90);
    expect(granted).toEqual({ kind: "granted", cost: 90, available: 5 });
    expect(costExtension(granted, POLICY)).toEqual({ requestedQueryCost: 90, throttleStatus: { maximumAvailable: 100, currentlyAvailable: 5, restoreRate: 10 } });
    expect(rateLimitHeaders(granted, POLICY)).toEqual([
      ["ratelimit-policy", '"cost";q=100;w=10'],
      ["ratelimit", '"cost";r=5;t=10'],
    ]);
    expect(refusalError(granted, POLICY)).toBeNull();
  });

  it("refuses over the level with RATE_LIMITED, HTTP 429 and Retry-After (the RateLimit reset is the same instant)", async () => {
    const limiter = limiterOn(memoryBucketStore(POLICY, () => 0));
    await limiter.admit("a", 95);
    const limited = await limiter.admit("a", 30);
    expect(limited).toEqual({ kind: "limited", cost: 30, available: 5, retryAfter: 3 });
    expect(rateLimitHeaders(limited, POLICY)).toEqual([
      ["ratelimit-policy", '"cost";q=100;w=10'],
      ["ratelimit", '"cost";r=5;t=3'],
      ["retry-after", "3"],
    ]);
    const error = refusalError(limited, POLICY)!;
    expect(error.extensions).toMatchObject({ code: "RATE_LIMITED", retryable: true, retryAfter: 3, http: { status: 429 } });
    expect((error.extensions.http as { headers: Map<string, string> }).headers.get("retry-after")).toBe("3");
  });

  it("refuses for good an operation costing more than a full bucket, without touching the bucket", async () => {
    const limiter = limiterOn(memoryBucketStore(POLICY, () => 0));
    const refused = await limiter.admit("a", 101);
    expect(refused).toEqual({ kind: "over-capacity", cost: 101, available: 100 });
    expect(refusalError(refused, POLICY)!.extensions).toMatchObject({ code: "BAD_USER_INPUT", retryable: false, http: { status: 400 } });
    expect(await limiter.admit("a", 100)).toEqual({ kind: "granted", cost: 100, available: 0 });
  });

  it("fails closed when the store fails or times out: SERVICE_UNAVAILABLE, HTTP 503, Retry-After, no cost report", async () => {
    for (const reason of ["timeout", "error"] as const) {
      const failing: BucketStore = { take: () => Promise.reject(new BucketStoreUnavailable(reason)), level: () => Promise.reject(new BucketStoreUnavailable(reason)) };
      const limiter = limiterOn(failing);
      const admission = await limiter.admit("a", 10);
      expect(admission).toEqual({ kind: "unavailable", cost: 10 });
      expect(costExtension(admission, POLICY)).toBeNull();
      expect(rateLimitHeaders(admission, POLICY)).toEqual([]);
      const error = refusalError(admission, POLICY)!;
      expect(error.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryable: true, retryAfter: RETRY_AFTER_SECONDS, http: { status: 503 } });
      expect((error.extensions.http as { headers: Map<string, string> }).headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
      expect(await limiter.uncharged("a", 0)).toEqual({ kind: "unavailable", cost: 0 });
    }
  });
});
