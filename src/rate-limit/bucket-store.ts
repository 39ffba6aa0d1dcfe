import { createHash } from "node:crypto";
import type postgres from "postgres";
import { take, levelAt, type BucketPolicy, type BucketState, type BucketTake } from "./token-bucket";
import { DEFAULT_LEASE_POLICY, SubjectLease, type HandedBack, type LeasePolicy, type WaitingForLease } from "./leases";

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
  /** Hands back the points this node holds as leases (a node that stops); never throws. */
  handBackLeases?(): Promise<void>;
}

/** The charging statements a store has sent, and the charges they decided. */
export interface ChargeStats {
  /** Charging statements sent (one per batch; a batch sent again counts again). */
  statements: number;
  /** Charges answered with a decision. */
  charges: number;
  /** Of them, charges granted from a lease, without a statement (src/rate-limit/leases.ts). */
  fromLeases?: number;
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

/** Principals whose lease state a node keeps; when more are seen, all are forgotten at once (their leases are lost to their buckets until refilled). */
const LEASED_SUBJECTS_KEPT = 10_000;

/** One caller of `take` waiting for its decision. */
interface Charge {
  /** The subject's key (subjectKey) in hex. */
  key: string;
  cost: number;
  /** The principal's lease state on this node, when leases are on. */
  lease?: SubjectLease;
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
 * The SQL of the level now of the bucket row `b`: its tokens plus the restore since `updated_at`, at most the
 * capacity less the points its leases hold while they count (`leased_until` ahead; src/rate-limit/leases.ts).
 */
function levelOf(sql: postgres.Sql, policy: BucketPolicy): postgres.Fragment {
  return sql`least(
    ${policy.capacity}::float8 - case when b.leased_until > statement_timestamp() then b.leased else 0 end,
    b.tokens + greatest(0, extract(epoch from statement_timestamp() - b.updated_at)::float8) * ${policy.restorePerSecond}::float8)`;
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
export function postgresBucketStore(
  sql: postgres.Sql,
  policy: BucketPolicy,
  timeoutMs: number,
  batching: ChargeBatching = DEFAULT_CHARGE_BATCHING,
  leasing: LeasePolicy | null = DEFAULT_LEASE_POLICY,
): PostgresBucketStore {
  const { capacity } = policy;
  const stats: ChargeStats = { statements: 0, charges: 0, fromLeases: 0 };
  let queue: Charge[] = [];
  let inFlight = false;
  let scheduled = false;
  /** What this node knows of each principal it charged lately (leases.ts); forgotten all at once when full (a forgotten lease is lost, never spent twice). */
  const leases = new Map<string, SubjectLease>();
  /** Charges waiting for a lease statement. */
  let waitingForLease = 0;

  const settle = (charge: Charge, outcome: BucketTake | BucketStoreUnavailable) => {
    if (charge.settled) return;
    charge.settled = true;
    if (charge.lease) charge.lease.statementCharges--;
    if (outcome instanceof BucketStoreUnavailable) charge.reject(outcome);
    else {
      stats.charges++;
      if (outcome.granted && leasing) charge.lease?.granted(charge.cost, performance.now(), leasing);
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

  const level = levelOf(sql, policy);

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
      select b.subject_hash, ${levelOf(sql, policy)} as level from rate_limit_buckets b
      where b.subject_hash in (select key from charge)
      order by b.subject_hash
      for update of b
    ),
    bucket as materialized (
      select c.key, array_agg(c.cost order by c.ord) as costs, array_agg(c.ord order by c.ord) as ords, l.subject_hash is not null as existed,
        coalesce(l.level, ${capacity}::float8) as level
      from charge c left join locked l on l.subject_hash = c.key
      group by c.key, l.subject_hash, l.level
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

  /** A charge decided by a batch statement. */
  const charge = (key: string, cost: number, lease?: SubjectLease): Promise<BucketTake> => {
    if (queue.length + waitingForLease >= batching.maxQueued) return Promise.reject(new BucketStoreUnavailable("busy"));
    if (lease) lease.statementCharges++;
    return new Promise<BucketTake>((resolve, reject) => {
      queue.push({ key, cost, lease, settled: false, resolve, reject });
      schedule();
    });
  };

  // A charge with a lease (leases.ts), alone in its statement: the lease this node held is handed back first (its
  // unspent points to the level, its points out of `leased`, when the database still counts it: its run of leases
  // has not ended since it was taken); then the charge is decided on that level, and when granted, up to `want`
  // more whole points (so that the sums and differences of `leased` are exact) are taken with it and recorded in
  // `leased`, whose run is extended to a lifetime from now. Only for a principal that has a row (it was charged
  // before): no row (purged as full) answers nothing.
  const takeLease = (key: string, cost: number, want: number, back: HandedBack | null, lifeMs: number) => sql`
    /* takeRateLimitLease */
    with locked as materialized (
      select b.subject_hash, b.leased_since, b.leased_until,
        case when b.leased_until > statement_timestamp() then b.leased else 0 end as held,
        ${levelOf(sql, policy)} as level,
        coalesce(b.leased_until > statement_timestamp() and b.leased_since <= ${back?.takenAt ?? null}::timestamptz, false) as handed
      from rate_limit_buckets b where b.subject_hash = decode(${key}, 'hex')
      for update
    ),
    returned as materialized (
      select l.subject_hash, l.leased_since, l.leased_until,
        greatest(0, l.held - case when l.handed then ${back?.points ?? 0}::float8 else 0 end) as held,
        least(${capacity}::float8 - greatest(0, l.held - case when l.handed then ${back?.points ?? 0}::float8 else 0 end),
          l.level + case when l.handed then ${back?.unspent ?? 0}::float8 else 0 end) as level
      from locked l
    ),
    decided as materialized (
      select r.*, r.level >= ${cost}::float8 as granted,
        case when r.level >= ${cost}::float8 then floor(greatest(0, least(${want}::float8, r.level - ${cost}::float8))) else 0 end as lease
      from returned r
    )
    update rate_limit_buckets b set
      tokens = d.level - case when d.granted then ${cost}::float8 + d.lease else 0 end,
      granted = d.granted,
      updated_at = greatest(b.updated_at, statement_timestamp()),
      leased = d.held + d.lease,
      leased_since = case when d.held > 0 then d.leased_since when d.lease > 0 then statement_timestamp() end,
      leased_until = case
        when d.lease > 0 then greatest(d.leased_until, statement_timestamp() + ${lifeMs}::float8 * interval '1 millisecond')
        when d.held > 0 then d.leased_until end
    from decided d where b.subject_hash = d.subject_hash
    returning b.tokens as available, b.granted, d.lease, statement_timestamp()::text as at`;

  /** Charges `cost` with a lease statement (see takeLease); the principal's charges that arrive meanwhile wait for it. */
  const leaseAndCharge = (subject: string, key: string, held: SubjectLease, cost: number, want: number, back: HandedBack | null, life: LeasePolicy): Promise<BucketTake> => {
    const sentAt = performance.now();
    const waiting: WaitingForLease[] = (held.waiting = []);
    const release = (next: (charge: WaitingForLease) => void) => {
      held.waiting = null;
      waitingForLease -= waiting.length;
      for (const charge of waiting) next(charge);
    };
    stats.statements++;
    return bounded(takeLease(key, cost, want, back, life.lifeMs), (rows) => rows[0]).then(
      (row) => {
        if (!row) {
          // No row: the principal's bucket is full (purged), no lease counted on it: plain charges decide these.
          release((w) => void charge(key, w.cost, held).then(w.resolve, w.reject));
          return charge(key, cost, held);
        }
        const available = Number(row.available);
        const lease = Number(row.lease);
        held.leased(lease, row.at as string, available, sentAt, life);
        stats.charges++;
        if (row.granted) held.granted(cost, sentAt, life);
        release((w) => void take(subject, w.cost).then(w.resolve, w.reject)); // from the new lease first, in arrival order
        return { granted: Boolean(row.granted), available: available + lease };
      },
      (error: unknown) => {
        release((w) => w.reject(error)); // they waited for the database too (bounded() throws only BucketStoreUnavailable)
        throw error;
      },
    );
  };

  const take = (subject: string, cost: number): Promise<BucketTake> => {
    const key = subjectHexKey(subject);
    if (!leasing) return charge(key, cost);
    const now = performance.now();
    let held = leases.get(key);
    if (!held) {
      if (leases.size >= LEASED_SUBJECTS_KEPT) leases.clear();
      held = new SubjectLease(now);
      leases.set(key, held);
    }
    const left = held.spend(cost, now, policy);
    if (left !== null) {
      stats.charges++;
      stats.fromLeases!++;
      return Promise.resolve({ granted: true, available: left });
    }
    const waiting = held.waiting;
    if (waiting) {
      if (queue.length + waitingForLease >= batching.maxQueued) return Promise.reject(new BucketStoreUnavailable("busy"));
      waitingForLease++;
      return new Promise<BucketTake>((resolve, reject) => waiting.push({ cost, resolve, reject }));
    }
    // No lease statement while batch charges of the principal are out (a batch decided after the lease would report
    // a level without the lease's points): those go first. (A lease held means none are out: see statementCharges.)
    const want = held.statementCharges > 0 ? 0 : held.want(cost, now, capacity, leasing);
    const back = held.handBack();
    return want > 0 || back ? leaseAndCharge(subject, key, held, cost, want, back, leasing) : charge(key, cost, held);
  };

  /** One statement per principal whose lease this node holds and is not renewing: its unspent points back to the bucket. */
  const handBackLeases = async () => {
    if (!leasing) return;
    const handing: Promise<unknown>[] = [];
    for (const [key, held] of leases) {
      if (held.waiting) continue; // a lease statement is in flight: its lease is lost (the bucket refills)
      const back = held.handBack();
      if (!back) continue;
      stats.statements++;
      handing.push(bounded(takeLease(key, 0, 0, back, leasing.lifeMs), () => undefined).catch(() => undefined));
    }
    await Promise.all(handing);
  };

  return {
    stats,
    take,
    handBackLeases,
    level(subject) {
      const query = sql`
        /* rateLimitLevel */
        select ${levelOf(sql, policy)} as level
        from rate_limit_buckets b where subject_hash = ${subjectKey(subject)}`;
      const held = leases.get(subjectHexKey(subject));
      const unspent = held && performance.now() < held.expiresAt ? held.points - held.spent : 0;
      return bounded(query, ([row]) => (row ? Number(row.level) : capacity) + unspent);
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
        and (leased_until is null or leased_until <= statement_timestamp()) -- a row whose leases count is not a full bucket
      limit ${limit} for update skip locked)
    returning 1`;
  return rows.length;
}
