import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    type: text("type").notNull(),
    objectType: text("object_type").notNull(),
    objectId: uuid("object_id").notNull(),
    actorKind: actorKindEnum("actor_kind").notNull(),
    actorId: text("actor_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("events_client_id_idx").on(t.clientId, t.id),
    index("events_object_idx").on(t.objectId, t.id),
  ],
);
