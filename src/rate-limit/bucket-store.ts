import { createHash } from "node:crypto";
import type postgres from "postgres";
import { take, levelAt, type BucketPolicy, type BucketState, type BucketTake } from "./token-bucket";

/**
 * Where the buckets live. `take` is atomic per principal: two requests of one principal, on one node or on two,
 * never both spend the same points.
 */
export interface BucketStore {
  /** Takes `cost` points from `subject`'s bucket if it holds them (a refusal charges nothing). */
  take(subject: string, cost: number): Promise<BucketTake>;
  /** The level of `subject`'s bucket, charging nothing (the answer to a request that failed before the limiter). */
  level(subject: string): Promise<number>;
}

/** The store could not answer in time or failed: the caller answers SERVICE_UNAVAILABLE (fail closed). */
export class BucketStoreUnavailable extends Error {
  constructor(
    readonly reason: "timeout" | "error",
    options?: { cause?: unknown },
  ) {
    super(reason === "timeout" ? "the rate limit store did not answer in time" : "the rate limit store failed", options);
    this.name = "BucketStoreUnavailable";
  }
}

/** When the in-process map holds more buckets than this, the full ones are dropped (a missing bucket is a full one). */
const SWEEP_AT_BUCKETS = 10_000;

/**
 * The embedded database's store: the buckets live in this process (PGlite is one process, no other node shares
 * it). `now` is injectable for tests.
 */
export function memoryBucketStore(policy: BucketPolicy, now: () => number = () => performance.timeOrigin + performance.now()): BucketStore {
  const buckets = new Map<string, BucketState>();
  let sweepAt = SWEEP_AT_BUCKETS;
  const forgetFull = (at: number) => {
    for (const [subject, state] of buckets) if (levelAt(state, at, policy) >= policy.capacity) buckets.delete(subject);
    sweepAt = Math.max(SWEEP_AT_BUCKETS, buckets.size * 2); // amortized: a sweep per doubling at most
  };
  return {
    take(subject, cost) {
      const at = now();
      const { state, result } = take(buckets.get(subject), cost, at, policy);
      buckets.set(subject, state);
      if (buckets.size > sweepAt) forgetFull(at);
      return Promise.resolve(result);
    },
    level(subject) {
      return Promise.resolve(levelAt(buckets.get(subject), now(), policy));
    },
  };
}

/** The key of a subject's row: its SHA-256, so the table holds no subject in clear. */
export const subjectKey = (subject: string) => createHash("sha256").update(subject).digest();

/**
 * The Postgres store: one row per principal in `rate_limit_buckets`, read and written by ONE statement per request
 * (an upsert: the row lock serializes a principal's requests across every node), on the database's clock
 * (`statement_timestamp()`), so the nodes' clocks do not matter. The level restored since `updated_at` is computed
 * in the statement; `granted` reports whether it held `cost`. Every statement is bounded by `timeoutMs` (cancelled
 * after it) so an unreachable database never holds a request.
 *
 * Through the postgres.js client directly rather than drizzle: one prepared statement, and it stays out of the
 * statement counts that the DataLoader tests assert per request.
 */
export function postgresBucketStore(sql: postgres.Sql, policy: BucketPolicy, timeoutMs: number): BucketStore {
  const { capacity, restorePerSecond: rate } = policy;
  const bounded = async <T>(query: postgres.PendingQuery<postgres.Row[]>, read: (rows: postgres.Row[]) => T): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        query.cancel();
        reject(new BucketStoreUnavailable("timeout"));
      }, timeoutMs);
    });
    try {
      return read(await Promise.race([query, timeout]));
    } catch (error) {
      if (error instanceof BucketStoreUnavailable) throw error;
      throw new BucketStoreUnavailable("error", { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    take(subject, cost) {
      // `level` is the bucket restored up to this statement's time; every SET expression reads the old row.
      const level = sql`least(${capacity}::float8, b.tokens + greatest(0, extract(epoch from statement_timestamp() - b.updated_at)::float8) * ${rate}::float8)`;
      const query = sql`
        /* takeRateLimitTokens */
        insert into rate_limit_buckets as b (subject_hash, tokens, updated_at, granted)
        values (${subjectKey(subject)}, ${capacity - cost}::float8, statement_timestamp(), true)
        on conflict (subject_hash) do update set
          granted = ${level} >= ${cost}::float8,
          tokens = ${level} - case when ${level} >= ${cost}::float8 then ${cost}::float8 else 0 end,
          updated_at = greatest(b.updated_at, statement_timestamp())
        returning tokens, granted`;
      return bounded(query, ([row]) => ({ granted: Boolean(row.granted), available: Number(row.tokens) }));
    },
    level(subject) {
      const query = sql`
        /* rateLimitLevel */
        select least(${capacity}::float8, tokens + greatest(0, extract(epoch from statement_timestamp() - updated_at)::float8) * ${rate}::float8) as level
        from rate_limit_buckets where subject_hash = ${subjectKey(subject)}`;
      return bounded(query, ([row]) => (row ? Number(row.level) : capacity));
    },
  };
}

/**
 * Retention of `rate_limit_buckets` (one row per principal ever seen): deletes at most `limit` buckets that are
 * full again under `policy`. A missing bucket is a full one, so this changes no answer; it only bounds the table
 * by the principals active within one refill time (capacity / restorePerSecond seconds).
 */
export async function purgeFullBuckets(sql: postgres.Sql, policy: BucketPolicy, limit: number): Promise<number> {
  const rows = await sql`
    /* purgeFullRateLimitBuckets */
    delete from rate_limit_buckets where subject_hash in (
      select subject_hash from rate_limit_buckets
      where tokens + greatest(0, extract(epoch from statement_timestamp() - updated_at)::float8) * ${policy.restorePerSecond}::float8 >= ${policy.capacity}::float8
      limit ${limit} for update skip locked)
    returning 1`;
  return rows.length;
}
