import type { Db } from "../../db/client";
import { events } from "./event.table";

export interface EventInput {
  clientId: string | null;
  /** Dotted type, e.g. `worker.created`, `engagement.ended`, `msa.activated`. */
  type: string;
  objectType: string;
  objectId: string;
  actor: { kind: "OPERATOR" | "CLIENT" | "PARTNER" | "SYSTEM"; id: string };
  before?: unknown;
  after?: unknown;
}

/**
 * Appends an event. Call it inside the transaction that makes the change, so a change and its event commit
 * (or roll back) together. `before` / `after` are snapshots of the changed row; they must not hold a tax id.
 */
export async function recordEvent(tx: Db, event: EventInput): Promise<void> {
  /* recordEvent */
  await tx.insert(events).values({
    clientId: event.clientId,
    type: event.type,
    objectType: event.objectType,
    objectId: event.objectId,
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}
