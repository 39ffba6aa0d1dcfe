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
  /** What a store that sends statements has sent (the Postgres store; tests and benchmarks read it). */
  readonly stats?: ChargeStats;
}

/** The charging statements a store has sent, and the charges they decided. */
export interface ChargeStats {
  /** Charging statements sent (one per batch; a batch sent again counts again). */
  statements: number;
  /** Charges answered with a decision. */
  charges: number;
}

const UNAVAILABLE_MESSAGES = {
  timeout: "the rate limit store did not answer in time",
  error: "the rate limit store failed",
  busy: "too many charges already wait for the rate limit store",
} as const;

/**
 * The store could not answer in time, failed, or had too many charges waiting: the caller answers
 * SERVICE_UNAVAILABLE (fail closed).
 */
export class BucketStoreUnavailable extends Error {
  constructor(
    readonly reason: keyof typeof UNAVAILABLE_MESSAGES,
    options?: { cause?: unknown },
  ) {
    super(UNAVAILABLE_MESSAGES[reason], options);
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

/** Subjects whose hex key is remembered (a process sees the same few principals again and again): then forgotten all at once. */
const HEX_KEYS_KEPT = 10_000;
const hexKeys = new Map<string, string>();

/** `subjectKey` in hex, computed once per subject while remembered. */
function subjectHexKey(subject: string): string {
  let key = hexKeys.get(subject);
  if (key === undefined) {
    if (hexKeys.size >= HEX_KEYS_KEPT) hexKeys.clear();
    key = subjectKey(subject).toString("hex");
    hexKeys.set(subject, key);
  }
  return key;
}

/** How the Postgres store coalesces charges (see postgresBucketStore). */
export interface ChargeBatching {
  /** The most charges one statement carries. */
  maxBatch: number;
  /** The most charges waiting for a statement; one more is refused at once (BucketStoreUnavailable "busy"). */
  maxQueued: number;
}

/**
 * 200 charges a statement: the callers of a batch are answered together and go on to their own statements at once,
 * and the pool lets at most MAX_WAITING_FOR_CONNECTION (500, src/db/client.ts) wait for a connection — a batch of
 * 1,000 released 1,000 subscriptions' reads at once and overflowed it. (A 10,000-subscription burst is then at least
 * 50 statements instead of 10,000.) 10,000 waiting: a burst of that size queued behind a slow database is answered
 * within 51 statements, or fails at once with the first one that times out.
 */
export const DEFAULT_CHARGE_BATCHING: ChargeBatching = { maxBatch: 200, maxQueued: 10_000 };

/** The Postgres store, with what it has sent. */
export interface PostgresBucketStore extends BucketStore {
  readonly stats: ChargeStats;
}

/** One caller of `take` waiting for its decision. */
interface Charge {
  /** The subject's key (subjectKey) in hex. */
  key: string;
  cost: number;
  settled: boolean;
  resolve(take: BucketTake): void;
  reject(error: BucketStoreUnavailable): void;
}

/**
 * A timer of `ms` that, when it fires, lets the event loop poll once more before `then` runs: an answer that had
 * already arrived while this process was busy is read first (a timer's turn comes before the sockets' in each
 * turn of the loop, so a late loop would otherwise time out a statement the database had answered in time).
 */
function timeoutAfterPoll(ms: number, then: () => void): NodeJS.Timeout {
  return setTimeout(() => setImmediate(then), ms);
}

/**
 * The Postgres store: one row per principal in `rate_limit_buckets`, changed under its row lock (which serializes a
 * principal's charges across every node), on the database's clock (`statement_timestamp()`), so the nodes' clocks
 * do not matter. The level restored since `updated_at` is computed in the statement.
 *
 * Charges are coalesced, one statement in flight per store: a charge arriving while none is in flight waits for the
 * end of this turn of the event loop (or until `maxBatch` wait); one arriving while a statement is in flight waits
 * for it to end; then every charge waiting (at most `maxBatch`) goes in ONE statement, which gives each charge the
 * decision of charging them one by one, in arrival order, at that statement's instant. Rows are locked in key order
 * (two nodes' batches cannot deadlock). One charge per principal (the usual batch): one upsert of every row. Several
 * charges of one principal: the statement locks the existing rows, folds each principal's charges from its level,
 * writes the last level and inserts new principals' rows; a new principal's row inserted by another node meanwhile
 * (a conflict) leaves that principal's charges undecided, and they go first into the next batch, which locks the row.
 *
 * Bounded, never a hang: each statement is cancelled after `timeoutMs`, and its callers and every charge waiting
 * behind it get BucketStoreUnavailable "timeout" (the database would keep them waiting too); a failed statement
 * rejects each of its callers with "error"; at most `maxQueued` charges wait (one more gets "busy" at once). A caller
 * therefore waits for at most ceil(maxQueued / maxBatch) + 1 statements of at most `timeoutMs` each — one statement
 * or two unless a burst is queued. The time a charge waits for this process's own event loop is not the
 * database's and is not held against it: a statement's timeout starts when it is sent.
 *
 * Through the postgres.js client directly rather than drizzle: prepared statements, and they stay out of the
 * statement counts that the DataLoader tests assert per request.
 */
export function postgresBucketStore(sql: postgres.Sql, policy: BucketPolicy, timeoutMs: number, batching: ChargeBatching = DEFAULT_CHARGE_BATCHING): PostgresBucketStore {
  const { capacity, restorePerSecond: rate } = policy;
  const stats: ChargeStats = { statements: 0, charges: 0 };
  let queue: Charge[] = [];
  let inFlight = false;
  let scheduled = false;

  const settle = (charge: Charge, outcome: BucketTake | BucketStoreUnavailable) => {
    if (charge.settled) return;
    charge.settled = true;
    if (outcome instanceof BucketStoreUnavailable) charge.reject(outcome);
    else {
      stats.charges++;
      charge.resolve(outcome);
    }
  };

  const send = () => {
    if (inFlight || queue.length === 0) return;
    const batch = queue.splice(0, batching.maxBatch);
    inFlight = true;
    stats.statements++;
    const keys = new Set(batch.map((charge) => charge.key));
    const query = batch.length === 1 ? takeOne(batch[0]) : keys.size === batch.length ? takeOnePerPrincipal(batch) : takeInArrivalOrder(batch);
    let done = false;
    const finish = () => {
      done = true;
      clearTimeout(timer);
      inFlight = false;
      send(); // the charges that arrived meanwhile: they have waited already
    };
    const timer = timeoutAfterPoll(timeoutMs, () => {
      if (done) return;
      query.cancel();
      const timedOut = new BucketStoreUnavailable("timeout");
      for (const charge of [...batch, ...queue.splice(0)]) settle(charge, timedOut);
      finish(); // the next charges do not wait for the cancelled statement
    });
    query.then(
      (rows) => {
        if (done) return;
        const undecided = new Set<Charge>();
        const byKey = keys.size === batch.length ? new Map(batch.map((charge) => [charge.key, charge])) : undefined;
        for (const row of rows) {
          const charge = byKey ? byKey.get(row.key as string)! : batch[Number(row.ord) - 1];
          if (row.applied) settle(charge, { granted: Boolean(row.granted), available: Number(row.available) });
          else undecided.add(charge);
        }
        // Undecided charges go first, in arrival order; a charge without a row (none should be) is not left waiting.
        for (const charge of batch) if (!undecided.has(charge)) settle(charge, new BucketStoreUnavailable("error"));
        queue = [...batch.filter((charge) => undecided.has(charge)), ...queue];
        finish();
      },
      (error: unknown) => {
        if (done) return;
        for (const charge of batch) settle(charge, new BucketStoreUnavailable("error", { cause: error }));
        finish();
      },
    );
  };

  const schedule = () => {
    if (inFlight) return; // sent when the statement in flight ends
    if (queue.length >= batching.maxBatch) return send();
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      send(); // the charges of this turn of the event loop go together
    });
  };

  // (The keys go as hex: postgres.js sends an array of Buffers as one bytea.)

  const level = sql`least(${capacity}::float8, b.tokens + greatest(0, extract(epoch from statement_timestamp() - b.updated_at)::float8) * ${rate}::float8)`;

  // A batch of one charge (one request at a time): the same upsert with a single row of values, which costs the
  // database less than unnesting arrays (≈ 0.1 ms a statement here).
  const takeOne = (charge: Charge) => sql`
    /* takeRateLimitTokens */
    insert into rate_limit_buckets as b (subject_hash, tokens, updated_at, granted)
    values (${Buffer.from(charge.key, "hex")}, ${capacity - charge.cost}::float8, statement_timestamp(), true)
    on conflict (subject_hash) do update set
      granted = ${level} >= ${charge.cost}::float8,
      tokens = ${level} - case when ${level} >= ${charge.cost}::float8 then ${charge.cost}::float8 else 0 end,
      updated_at = greatest(b.updated_at, statement_timestamp())
    returning ${charge.key}::text as key, tokens as available, granted, true as applied`;

  // A batch with one charge per principal (the usual one): an upsert of every row, in key order (two nodes' batches
  // cannot deadlock). A new principal's row starts full and takes the cost; the cost of a conflicting row is
  // `capacity - excluded.tokens` (exact: both are whole numbers). `level` is the row restored up to this statement.
  const takeOnePerPrincipal = (batch: Charge[]) => {
    const sorted = [...batch].sort((a, b) => (a.key < b.key ? -1 : 1));
    return sql`
      /* takeRateLimitTokens */
      insert into rate_limit_buckets as b (subject_hash, tokens, updated_at, granted)
      select decode(c.key, 'hex'), ${capacity}::float8 - c.cost, statement_timestamp(), true
      from unnest(${sorted.map((charge) => charge.key)}::text[], ${sorted.map((charge) => charge.cost)}::float8[]) as c(key, cost)
      on conflict (subject_hash) do update set
        granted = ${level} >= ${capacity}::float8 - excluded.tokens,
        tokens = ${level} - case when ${level} >= ${capacity}::float8 - excluded.tokens then ${capacity}::float8 - excluded.tokens else 0 end,
        updated_at = greatest(b.updated_at, statement_timestamp())
      returning encode(b.subject_hash, 'hex') as key, b.tokens as available, b.granted, true as applied`;
  };

  // A batch with several charges of one principal (one ON CONFLICT cannot change a row twice): the existing rows are
  // locked in key order; `bucket.level` is a row's level restored up to this statement's time (a new principal's is
  // the capacity); `step` folds each principal's charges in arrival order — granted when the level holds the cost,
  // which it takes; the last level is written, new principals' rows inserted (a conflict leaves them undecided).
  const takeInArrivalOrder = (batch: Charge[]) => sql`
    /* takeRateLimitTokensInOrder */
    with recursive charge as materialized (
      select decode(key, 'hex') as key, cost, ord
      from unnest(${batch.map((charge) => charge.key)}::text[], ${batch.map((charge) => charge.cost)}::float8[]) with ordinality as c(key, cost, ord)
    ),
    locked as materialized (
      select b.subject_hash, b.tokens, b.updated_at from rate_limit_buckets b
      where b.subject_hash in (select key from charge)
      order by b.subject_hash
      for update of b
    ),
    bucket as materialized (
      select c.key, array_agg(c.cost order by c.ord) as costs, array_agg(c.ord order by c.ord) as ords, l.subject_hash is not null as existed,
        coalesce(least(${capacity}::float8, l.tokens + greatest(0, extract(epoch from statement_timestamp() - l.updated_at)::float8) * ${rate}::float8), ${capacity}::float8) as level
      from charge c left join locked l on l.subject_hash = c.key
      group by c.key, l.subject_hash, l.tokens, l.updated_at
    ),
    step (key, n, costs, level, granted) as (
      select key, 0, costs, level, null::boolean from bucket
      union all
      select key, n + 1, costs, case when level >= costs[n + 1] then level - costs[n + 1] else level end, level >= costs[n + 1]
      from step where n < cardinality(costs)
    ),
    last as materialized (
      select s.key, s.level, s.granted, b.existed from step s join bucket b using (key) where s.n = cardinality(b.costs)
    ),
    updated as (
      update rate_limit_buckets b set tokens = l.level, granted = l.granted, updated_at = greatest(b.updated_at, statement_timestamp())
      from last l where l.existed and b.subject_hash = l.key
      returning b.subject_hash
    ),
    inserted as (
      insert into rate_limit_buckets (subject_hash, tokens, updated_at, granted)
      select key, level, statement_timestamp(), granted from last where not existed order by key
      on conflict (subject_hash) do nothing
      returning subject_hash
    )
    select b.ords[s.n] as ord, s.granted, s.level as available,
      (s.key in (select subject_hash from updated) or s.key in (select subject_hash from inserted)) as applied
    from step s join bucket b using (key) where s.n > 0`;
  const bounded = async <T>(query: postgres.PendingQuery<postgres.Row[]>, read: (rows: postgres.Row[]) => T): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = timeoutAfterPoll(timeoutMs, () => {
        query.cancel();
        reject(new BucketStoreUnavailable("timeout"));
      });
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
    stats,
    take(subject, cost) {
      if (queue.length >= batching.maxQueued) return Promise.reject(new BucketStoreUnavailable("busy"));
      return new Promise<BucketTake>((resolve, reject) => {
        queue.push({ key: subjectHexKey(subject), cost, settled: false, resolve, reject });
        schedule();
      });
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
