import { and, count, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Principal, TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import type { PageRequest } from "../../shared/pagination";
import { clientEventSequences } from "../events/event.table";
import { webhookDeliveries, webhookEndpoints, webhookStreams } from "./webhook.table";
import type { WebhookDeliveryRow, WebhookEndpointRow } from "./webhook.type";

/** Which endpoints a caller reaches: its clients' (tenancy), and for a PARTNER only those it created itself. */
export interface EndpointAccess {
  tenants: TenantScope;
  ownerSubject: string | null;
}

export function endpointAccess(principal: Principal): EndpointAccess {
  return { tenants: principal.tenants, ownerSubject: principal.role === "PARTNER" ? principal.subject : null };
}

function accessSql(access: EndpointAccess) {
  return and(tenantFilter(webhookEndpoints.clientId, access.tenants), access.ownerSubject !== null ? eq(webhookEndpoints.ownerSubject, access.ownerSubject) : undefined);
}

export type StreamRow = typeof webhookStreams.$inferSelect;

/** All SQL about webhook endpoints and their delivery log, scoped by the caller's access. */
export const webhookRepository = {
  async findByIds(db: Db, access: EndpointAccess, ids: readonly string[]): Promise<WebhookEndpointRow[]> {
    /* webhookEndpoints.findByIds */
    return db
      .select()
      .from(webhookEndpoints)
      .where(and(accessSql(access), inArray(webhookEndpoints.id, [...ids])));
  },

  /** The endpoint locked for a change (null: missing or not the caller's). */
  async lockForUpdate(tx: Db, access: EndpointAccess, id: string): Promise<WebhookEndpointRow | null> {
    /* webhookEndpoints.lockForUpdate */
    const [row] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(accessSql(access), eq(webhookEndpoints.id, id)))
      .for("update");
    return row ?? null;
  },

  async page(db: Db, access: EndpointAccess, clientId: string | null, request: PageRequest): Promise<WebhookEndpointRow[]> {
    /* webhookEndpoints.page */
    const q = keyset(webhookEndpoints.id, request, and(accessSql(access), clientId ? eq(webhookEndpoints.clientId, clientId) : undefined));
    return db.select().from(webhookEndpoints).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async count(db: Db, access: EndpointAccess, clientId: string | null): Promise<number> {
    /* webhookEndpoints.count */
    const [row] = await db
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(and(accessSql(access), clientId ? eq(webhookEndpoints.clientId, clientId) : undefined));
    return row.n;
  },

  /** A new endpoint and its delivery cursor (starting after `deliveredSeq`). The caller checked the client. */
  async insert(tx: Db, endpoint: typeof webhookEndpoints.$inferInsert, deliveredSeq: number): Promise<WebhookEndpointRow> {
    /* webhookEndpoints.insert */
    const [row] = await tx.insert(webhookEndpoints).values(endpoint).returning();
    /* webhookStreams.insert */
    await tx.insert(webhookStreams).values({ endpointId: row.id, clientId: row.clientId, deliveredSeq });
    return row;
  },

  /** The caller holds the row lock (lockForUpdate). */
  async update(tx: Db, id: string, patch: Partial<typeof webhookEndpoints.$inferInsert>): Promise<WebhookEndpointRow> {
    /* webhookEndpoints.update */
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    return row;
  },

  /** Deletes the endpoint, its cursor and its delivery log (the caller holds the row lock). */
  async delete(tx: Db, id: string): Promise<void> {
    /* webhookEndpoints.delete: cascades to webhook_streams and webhook_deliveries */
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  },

  /**
   * Moves the cursor (a replay, or a fresh start after re-enabling): the head event's retry count and failure time
   * start over, and the lease is taken from any node delivering right now (its writes, guarded by its lease
   * token, then change nothing), so the next run starts from the new cursor.
   */
  async resetStream(tx: Db, endpointId: string, deliveredSeq: number | null): Promise<void> {
    /* webhookStreams.reset */
    await tx
      .update(webhookStreams)
      .set({
        ...(deliveredSeq !== null ? { deliveredSeq } : {}),
        attempt: 0,
        nextAttemptAt: null,
        failingSince: null,
        leaseToken: null,
        leaseUntil: null,
      })
      .where(eq(webhookStreams.endpointId, endpointId));
  },

  async deliveriesPage(db: Db, endpointId: string, status: string | null, request: PageRequest): Promise<WebhookDeliveryRow[]> {
    /* webhookDeliveries.page: the caller checked access to the endpoint */
    const q = keyset(webhookDeliveries.id, request, and(eq(webhookDeliveries.endpointId, endpointId), status ? eq(webhookDeliveries.status, status) : undefined));
    return db.select().from(webhookDeliveries).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async deliveriesCount(db: Db, endpointId: string, status: string | null): Promise<number> {
    /* webhookDeliveries.count */
    const [row] = await db
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, endpointId), status ? eq(webhookDeliveries.status, status) : undefined));
    return row.n;
  },
};

/**
 * The delivery worker's SQL: background work without a caller, by endpoint id. Events are read with the endpoint's
 * own client as the only tenant (webhook-delivery.ts), so no other client's event can be read for it.
 */
export const webhookStreamRepository = {
  /**
   * Takes the endpoint's lease when it is enabled, due and not leased by a live holder; null otherwise. The lease
   * is a row value, not a lock held across the HTTP call.
   */
  async claim(db: Db, endpointId: string, token: string, leaseMs: number): Promise<StreamRow | null> {
    /* webhookStreams.claim */
    const [row] = await db
      .update(webhookStreams)
      .set({ leaseToken: token, leaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
      .where(
        and(
          eq(webhookStreams.endpointId, endpointId),
          or(isNull(webhookStreams.leaseUntil), lt(webhookStreams.leaseUntil, sql`now()`)),
          or(isNull(webhookStreams.nextAttemptAt), lte(webhookStreams.nextAttemptAt, sql`now()`)),
          sql`exists (select 1 from ${webhookEndpoints} where ${webhookEndpoints.id} = ${webhookStreams.endpointId} and ${webhookEndpoints.enabled})`,
        ),
      )
      .returning();
    return row ?? null;
  },

  async state(db: Db, endpointId: string): Promise<(StreamRow & { enabled: boolean }) | null> {
    /* webhookStreams.state */
    const [row] = await db
      .select({ stream: webhookStreams, enabled: webhookEndpoints.enabled })
      .from(webhookStreams)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookStreams.endpointId))
      .where(eq(webhookStreams.endpointId, endpointId));
    return row ? { ...row.stream, enabled: row.enabled } : null;
  },

  async endpoint(db: Db, endpointId: string): Promise<WebhookEndpointRow | null> {
    /* webhookEndpoints.byIdForDelivery */
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    return row ?? null;
  },

  /** Extends the lease before the next attempt; false when it was lost (taken by a replay or expired and taken). */
  async renew(db: Db, endpointId: string, token: string, leaseMs: number): Promise<boolean> {
    /* webhookStreams.renew */
    const rows = await db
      .update(webhookStreams)
      .set({ leaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
      .where(and(eq(webhookStreams.endpointId, endpointId), eq(webhookStreams.leaseToken, token)))
      .returning({ endpointId: webhookStreams.endpointId });
    return rows.length > 0;
  },

  /** Writes the cursor and retry state under the lease; false when the lease was lost (nothing written). */
  async advance(db: Db, endpointId: string, token: string, patch: Partial<Pick<StreamRow, "deliveredSeq" | "attempt" | "nextAttemptAt" | "failingSince">>): Promise<boolean> {
    /* webhookStreams.advance */
    const rows = await db
      .update(webhookStreams)
      .set(patch)
      .where(and(eq(webhookStreams.endpointId, endpointId), eq(webhookStreams.leaseToken, token)))
      .returning({ endpointId: webhookStreams.endpointId });
    return rows.length > 0;
  },

  async release(db: Db, endpointId: string, token: string): Promise<void> {
    /* webhookStreams.release */
    await db
      .update(webhookStreams)
      .set({ leaseToken: null, leaseUntil: null })
      .where(and(eq(webhookStreams.endpointId, endpointId), eq(webhookStreams.leaseToken, token)));
  },

  async recordAttempt(db: Db, attempt: typeof webhookDeliveries.$inferInsert): Promise<void> {
    /* webhookDeliveries.insert */
    await db.insert(webhookDeliveries).values(attempt);
  },

  /** Disables the endpoint (the whole retry schedule failed); false when it was no longer enabled. */
  async disable(tx: Db, endpointId: string, reason: string): Promise<WebhookEndpointRow | null> {
    /* webhookEndpoints.disable */
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: reason, disabledAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true)))
      .returning();
    return row ?? null;
  },

  /**
   * Endpoints with something to deliver now: enabled, behind their client's last event, due, and not leased by a
   * live holder (`clientId`: only that client's). The dispatcher hands these to the queue.
   */
  async due(db: Db, clientId: string | null, limit: number): Promise<string[]> {
    /* webhookStreams.due */
    const rows = await db
      .select({ endpointId: webhookStreams.endpointId })
      .from(webhookStreams)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookStreams.endpointId))
      .innerJoin(clientEventSequences, eq(clientEventSequences.clientId, webhookStreams.clientId))
      .where(
        and(
          clientId !== null ? eq(webhookStreams.clientId, clientId) : undefined,
          eq(webhookEndpoints.enabled, true),
          gt(clientEventSequences.lastSeq, webhookStreams.deliveredSeq),
          or(isNull(webhookStreams.nextAttemptAt), lte(webhookStreams.nextAttemptAt, sql`now()`)),
          or(isNull(webhookStreams.leaseUntil), lt(webhookStreams.leaseUntil, sql`now()`)),
        ),
      )
      .limit(limit);
    return rows.map((r) => r.endpointId);
  },

  /**
   * Key rotation (`npm run pii:rotate`, an operator task across every client): up to `limit` endpoints, after
   * `afterId`, whose `column` is sealed under another key than `keyId`.
   */
  async secretsNotUnderKey(db: Db, column: "secret" | "previousSecret", keyId: string, afterId: string | null, limit: number): Promise<{ id: string; envelope: string }[]> {
    /* webhookEndpoints.secretsNotUnderKey */
    const value = webhookEndpoints[column];
    const rows = await db
      .select({ id: webhookEndpoints.id, envelope: value })
      .from(webhookEndpoints)
      .where(
        and(
          tenantFilter(webhookEndpoints.clientId, { all: true }),
          sql`${value} is not null`,
          sql`split_part(${value}, '.', 2) <> ${keyId}`,
          afterId ? gt(webhookEndpoints.id, afterId) : undefined,
        ),
      )
      .orderBy(webhookEndpoints.id)
      .limit(limit);
    return rows as { id: string; envelope: string }[];
  },

  /** Replaces a sealed secret by its re-encryption, only if it is still the value read (a concurrent rotation of the secret wins). */
  async replaceSecretCiphertext(db: Db, column: "secret" | "previousSecret", id: string, expected: string, replacement: string): Promise<boolean> {
    /* webhookEndpoints.replaceSecretCiphertext */
    const rows = await db
      .update(webhookEndpoints)
      .set({ [column]: replacement })
      .where(and(tenantFilter(webhookEndpoints.clientId, { all: true }), eq(webhookEndpoints.id, id), eq(webhookEndpoints[column], expected)))
      .returning({ id: webhookEndpoints.id });
    return rows.length > 0;
  },

  /** Retention: deletes at most `limit` delivery attempts made before `cutoff` (rows another node is deleting are skipped). */
  async deleteDeliveriesBefore(db: Db, cutoff: Date, limit: number): Promise<number> {
    /* webhookDeliveries.deleteBefore */
    const rows = await db
      .delete(webhookDeliveries)
      .where(sql`${webhookDeliveries.id} in (select id from webhook_deliveries where attempted_at < ${cutoff.toISOString()}::timestamptz limit ${limit} for update skip locked)`)
      .returning({ id: webhookDeliveries.id });
    return rows.length;
  },
};
