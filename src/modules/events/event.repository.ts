import type { Db } from "../../db/client";
import { sql } from "drizzle-orm";
import { clientEventSequences, events } from "./event.table";

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
export async function recordEvent(tx: Db, event: EventInput): Promise<{ seq: number | null }> {
  let seq: number | null = null;
  if (event.clientId !== null) {
    /* events.nextSeq: the upsert locks the client's sequence row until commit, so one client's events commit in seq order */
    const [row] = await tx
      .insert(clientEventSequences)
      .values({ clientId: event.clientId, lastSeq: 1 })
      .onConflictDoUpdate({ target: clientEventSequences.clientId, set: { lastSeq: sql`${clientEventSequences.lastSeq} + 1` } })
      .returning({ lastSeq: clientEventSequences.lastSeq });
    seq = row.lastSeq;
  }
  /* events.append */
  await tx.insert(events).values({
    clientId: event.clientId,
    seq,
    type: event.type,
    objectType: event.objectType,
    objectId: event.objectId,
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    before: event.before ?? null,
    after: event.after ?? null,
  });
  return { seq };
}
