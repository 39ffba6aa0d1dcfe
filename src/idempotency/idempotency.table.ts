/** The idempotency_keys table: one row per (caller, Idempotency-Key) of a mutation, until it expires (src/idempotency/). */
import { check, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/**
 * A key's reservation and, once the mutation has run, its stored answer. `state` is IN_PROGRESS while the mutation
 * runs (its node holds the lease `reservation` until `lease_expires_at`), COMPLETED once the answer is stored. The
 * answer is encrypted with the PII key (it may hold what the mutation answered: names, email…), and the request's
 * fingerprint is a keyed hash (the variables may hold a tax id). Rows are deleted at `expires_at` (the purge job).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    /** The token's `sub`: one caller cannot see or replay another's key. */
    principalSub: text("principal_sub").notNull(),
    /** The key as sent, compared exactly. */
    idempotencyKey: text("idempotency_key").notNull(),
    /** HMAC-SHA-256 (PII hashing key) of the canonical JSON of operation text, variables and operation name. */
    fingerprint: text("fingerprint").notNull(),
    state: text("state", { enum: ["IN_PROGRESS", "COMPLETED"] }).notNull(),
    /** Who holds the reservation: only that request may complete or release it. */
    reservation: uuid("reservation").notNull(),
    /** While IN_PROGRESS: after this instant the reservation is taken as abandoned (its process died) and may be taken over. */
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }).notNull(),
    responseStatus: smallint("response_status"),
    /** The answer's body, byte for byte, in a PII envelope (src/pii/pii-cipher.ts). */
    responseBody: text("response_body"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "idempotency_keys_pkey", columns: [t.principalSub, t.idempotencyKey] }),
    index("idempotency_keys_expires_at_idx").on(t.expiresAt),
    check("idempotency_keys_state_check", sql`${t.state} in ('IN_PROGRESS', 'COMPLETED')`),
    check("idempotency_keys_key_check", sql`${t.idempotencyKey} ~ '^[ -~]{1,255}$'`),
    check("idempotency_keys_completed_check", sql`(${t.state} = 'COMPLETED') = (${t.responseStatus} is not null and ${t.responseBody} is not null)`),
  ],
);
