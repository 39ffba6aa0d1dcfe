import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { actorKindEnum } from "../../db/enums";

/**
 * Append-only audit trail (UPDATE and DELETE are refused by a trigger, see the custom migration): every change
 * of every object, written in the same transaction as the change. `id` is the cursor that orders events.
 */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null for events about EOR-wide objects (employer entities). */
    clientId: uuid("client_id"),
    /**
     * Per-client cursor: 1, 2, 3… with no gap, in commit order. Assigned from client_event_sequences under that
     * row's lock, so two transactions of one client cannot commit their events out of order. Null when clientId is.
     */
    seq: bigint("seq", { mode: "number" }),
    type: text("type").notNull(),
    objectType: text("object_type").notNull(),
    objectId: uuid("object_id").notNull(),
    actorKind: actorKindEnum("actor_kind").notNull(),
    actorId: text("actor_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [unique("events_client_seq_key").on(t.clientId, t.seq), index("events_client_id_idx").on(t.clientId, t.id), index("events_object_idx").on(t.objectId, t.id)],
);

/** Last event sequence number per client (see `events.seq`). */
export const clientEventSequences = pgTable("client_event_sequences", {
  clientId: uuid("client_id").primaryKey(),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
});
