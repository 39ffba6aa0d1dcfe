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
});
