import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps } from "../../db/columns";
import { clients } from "../clients/client.table";

/**
 * A client's webhook endpoint. The owner (the principal that created it) is recorded, because deliveries run in the
 * background with no caller: what an event's envelope may hold is decided by the owner's role, scopes and clients
 * at creation. The signing secret is stored encrypted (src/pii/pii-cipher.ts, context `webhook_endpoints.secret:<id>`),
 * never in plaintext: it must be kept to sign, so it cannot be a hash.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: idColumn(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    url: text("url").notNull(),
    description: text("description"),
    /** Dotted event types delivered; empty: every type. */
    eventTypes: text("event_types")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    enabled: boolean("enabled").notNull().default(true),
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "date" }),
    ownerSubject: text("owner_subject").notNull(),
    ownerRole: text("owner_role").notNull(),
    ownerScopes: text("owner_scopes").array().notNull(),
    ownerClientIds: uuid("owner_client_ids").array().notNull(),
    /** PII envelope of `whsec_…`. */
    secret: text("secret").notNull(),
    /** The secret before the last rotation (PII envelope), signing too until `previousSecretExpiresAt`. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true, mode: "date" }),
    ...timestamps(),
  },
  (t) => [
    index("webhook_endpoints_client_idx").on(t.clientId, t.id),
    check("webhook_endpoints_role_check", sql`${t.ownerRole} in ('OPERATOR', 'CLIENT', 'PARTNER')`),
    check("webhook_endpoints_disabled_check", sql`${t.enabled} or ${t.disabledAt} is not null`),
  ],
);

/**
 * An endpoint's delivery cursor over its client's event log: every event of the client with `seq <= delivered_seq`
 * has been delivered (2xx) or does not concern the endpoint. The head event (the first matching one after it) is
 * the one being tried; `attempt` counts its failed attempts, `next_attempt_at` is when it is tried again.
 * A node delivering holds the lease (`lease_token` until `lease_until`), so two nodes never deliver one endpoint
 * at once; a lease left by a killed process expires and the sweep hands the endpoint to a live node.
 */
export const webhookStreams = pgTable(
  "webhook_streams",
  {
    endpointId: uuid("endpoint_id")
      .primaryKey()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    clientId: uuid("client_id").notNull(),
    deliveredSeq: bigint("delivered_seq", { mode: "number" }).notNull(),
    attempt: integer("attempt").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
    /** First failed attempt since the last success (null while succeeding). */
    failingSince: timestamp("failing_since", { withTimezone: true, mode: "date" }),
    leaseToken: uuid("lease_token"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("webhook_streams_client_idx").on(t.clientId)],
);

/** One delivery attempt of one event to one endpoint: the log `webhookDeliveries` lists. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: idColumn(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    clientId: uuid("client_id").notNull(),
    /** The event's client seq and type (the event itself stays in `events`). */
    seq: bigint("seq", { mode: "number" }).notNull(),
    eventType: text("event_type").notNull(),
    attempt: integer("attempt").notNull(),
    status: text("status").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true, mode: "date" }).notNull(),
    httpStatus: integer("http_status"),
    latencyMs: integer("latency_ms").notNull(),
    error: text("error"),
    nextRetryAt: timestamp("next_retry_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
    index("webhook_deliveries_endpoint_status_idx").on(t.endpointId, t.status, t.id),
    /** The retention purge's scan (src/retention/). */
    index("webhook_deliveries_attempted_at_idx").on(t.attemptedAt),
    check("webhook_deliveries_status_check", sql`${t.status} in ('SUCCEEDED', 'FAILED')`),
  ],
);
