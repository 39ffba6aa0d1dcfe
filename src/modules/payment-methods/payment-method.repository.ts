import { and, asc, eq, inArray, max, or, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { selectRows } from "../../db/prepared";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { paymentMethods } from "./payment-method.table";
import type { PaymentMethodRow } from "./payment-method.type";

export type PaymentMethodInsert = typeof paymentMethods.$inferInsert;

/** All SQL about payment methods. Every query carries the caller's tenant filter (or the run's client). */
export const paymentMethodRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<PaymentMethodRow[]> {
    /* paymentMethods.findByIds */
    return db
      .select()
      .from(paymentMethods)
      .where(and(tenantFilter(paymentMethods.clientId, scope), inArray(paymentMethods.id, [...ids])));
  },

  /** The ACTIVE method of each worker (at most one each). */
  async activeByWorkerIds(db: Db, scope: TenantScope, workerIds: readonly string[]): Promise<PaymentMethodRow[]> {
    /* paymentMethods.activeByWorkerIds */
    return db
      .select()
      .from(paymentMethods)
      .where(and(tenantFilter(paymentMethods.clientId, scope), inArray(paymentMethods.workerId, [...workerIds]), eq(paymentMethods.status, "ACTIVE")));
  },

  /** The worker's ACTIVE method and the highest version of all its methods (the caller holds the worker's row lock). */
  async currentOfWorker(tx: Db, scope: TenantScope, workerId: string): Promise<{ active: PaymentMethodRow | null; latestVersion: number }> {
    /* paymentMethods.currentOfWorker */
    const [active] = await tx
      .select()
      .from(paymentMethods)
      .where(and(tenantFilter(paymentMethods.clientId, scope), eq(paymentMethods.workerId, workerId), eq(paymentMethods.status, "ACTIVE")));
    /* paymentMethods.latestVersion */
    const [latest] = await tx
      .select({ version: max(paymentMethods.version) })
      .from(paymentMethods)
      .where(and(tenantFilter(paymentMethods.clientId, scope), eq(paymentMethods.workerId, workerId)));
    return { active: active ?? null, latestVersion: latest?.version ?? 0 };
  },

  /** ACTIVE → REPLACED or REMOVED, now. */
  async end(tx: Db, scope: TenantScope, id: string, status: "REPLACED" | "REMOVED"): Promise<PaymentMethodRow> {
    /* paymentMethods.end */
    const [row] = await tx
      .update(paymentMethods)
      .set({ status, endedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(tenantFilter(paymentMethods.clientId, scope), eq(paymentMethods.id, id), eq(paymentMethods.status, "ACTIVE")))
      .returning();
    if (!row) throw new Error("payment method locked but not ended"); // the worker's row lock serializes changes
    return row;
  },

  async insert(tx: Db, row: PaymentMethodInsert): Promise<PaymentMethodRow> {
    /* paymentMethods.insert */
    const [created] = await tx.insert(paymentMethods).values(row).returning();
    return created;
  },

  /** The run calculation's input: the kind of each paid worker's ACTIVE method (no number is read). */
  async activeKindsOfWorkers(db: Db, clientId: string, workerIds: SQLWrapper): Promise<{ workerId: string; kind: "BANK_ACCOUNT" | "CHECK" }[]> {
    /* paymentMethods.activeKindsOfWorkers */
    return selectRows(
      db,
      db
        .select({ workerId: paymentMethods.workerId, kind: paymentMethods.kind })
        .from(paymentMethods)
        .where(and(eq(paymentMethods.clientId, clientId), inArray(paymentMethods.workerId, workerIds), eq(paymentMethods.status, "ACTIVE")))
        .orderBy(asc(paymentMethods.workerId)),
    );
  },

  /** Remittance scheduling: the ACTIVE method id of each worker (inside the approval transaction). */
  async activeIdsOfWorkers(tx: Db, clientId: string, workerIds: readonly string[]): Promise<Map<string, string>> {
    if (workerIds.length === 0) return new Map();
    /* paymentMethods.activeIdsOfWorkers */
    const rows = await tx
      .select({ id: paymentMethods.id, workerId: paymentMethods.workerId })
      .from(paymentMethods)
      .where(and(eq(paymentMethods.clientId, clientId), inArray(paymentMethods.workerId, [...workerIds]), eq(paymentMethods.status, "ACTIVE")));
    return new Map(rows.map((r) => [r.workerId, r.id]));
  },

  /**
   * Up to `limit` bank accounts after `afterId` (id order), every tenant, with a number not encrypted under `keyId`:
   * the key rotation (`npm run pii:rotate`) is an operator task outside any request.
   */
  async ciphertextsNotUnderKey(db: Db, keyId: string, afterId: string | null, limit: number) {
    /* paymentMethods.ciphertextsNotUnderKey */
    return db
      .select({ id: paymentMethods.id, routingEncrypted: paymentMethods.routingEncrypted, accountEncrypted: paymentMethods.accountEncrypted })
      .from(paymentMethods)
      .where(
        and(
          tenantFilter(paymentMethods.clientId, { all: true }),
          eq(paymentMethods.kind, "BANK_ACCOUNT"),
          or(sql`split_part(${paymentMethods.routingEncrypted}, '.', 2) <> ${keyId}`, sql`split_part(${paymentMethods.accountEncrypted}, '.', 2) <> ${keyId}`),
          afterId ? sql`${paymentMethods.id} > ${afterId}` : undefined,
        ),
      )
      .orderBy(paymentMethods.id)
      .limit(limit) as Promise<{ id: string; routingEncrypted: string; accountEncrypted: string }[]>;
  },

  /** Replaces both ciphertexts by their re-encryption if they are still the ones read; version and updatedAt stay. */
  async replaceCiphertexts(
    db: Db,
    id: string,
    expected: { routingEncrypted: string; accountEncrypted: string },
    replacement: { routingEncrypted: string; accountEncrypted: string },
  ) {
    /* paymentMethods.replaceCiphertexts */
    const rows = await db
      .update(paymentMethods)
      .set(replacement)
      .where(
        and(
          tenantFilter(paymentMethods.clientId, { all: true }),
          eq(paymentMethods.id, id),
          eq(paymentMethods.routingEncrypted, expected.routingEncrypted),
          eq(paymentMethods.accountEncrypted, expected.accountEncrypted),
        ),
      )
      .returning({ id: paymentMethods.id });
    return rows.length > 0;
  },
};
