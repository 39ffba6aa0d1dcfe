import { boolean, customType, doublePrecision, pgTable, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * One token bucket per principal, shared by every node on this Postgres (src/rate-limit/postgres-bucket-store.ts).
 * Keyed by SHA-256 of the token's `sub`, so no subject is stored in clear. `tokens` is the level at `updated_at`
 * (the database's clock); the refill since then is computed in the statement that reads it. One row per principal
 * ever seen: a row holds no history and is overwritten by each request.
 */
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  subjectHash: bytea("subject_hash").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  /** Whether the last request was granted (what the upsert's RETURNING reports). */
  granted: boolean("granted").notNull(),
  /**
   * Points the nodes hold as leases (src/rate-limit/bucket-store.ts): taken from `tokens`, spent by a node without a
   * statement. While `leased_until` is ahead, the bucket restores only up to the capacity less these points, so a
   * point is never both held by a node and back in the bucket.
   */
  leased: doublePrecision("leased").notNull().default(0),
  /** When the current run of leases began (a lease taken before it was already dropped and is not handed back). */
  leasedSince: timestamp("leased_since", { withTimezone: true, mode: "date" }),
  /** The end of the current run of leases: after it, `leased` no longer counts (every node's lease has expired). */
  leasedUntil: timestamp("leased_until", { withTimezone: true, mode: "date" }),
});
