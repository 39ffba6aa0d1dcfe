import { and, eq, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { idempotencyKeys } from "./idempotency.table";

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

/** What a new (or taken over) reservation writes. */
export interface NewReservation {
  principalSub: string;
  idempotencyKey: string;
  fingerprint: string;
  reservation: string;
  now: Date;
  leaseExpiresAt: Date;
  expiresAt: Date;
}

const byKey = (principalSub: string, idempotencyKey: string) => and(eq(idempotencyKeys.principalSub, principalSub), eq(idempotencyKeys.idempotencyKey, idempotencyKey));

/**
 * The only SQL of idempotency keys. Every statement names the caller's `sub` (a key is scoped to it). Clocks are
 * passed in (`now`): the service owns time, so tests can move it.
 */
export const idempotencyRepository = {
  /** Reserves a key that nobody holds: true when this call inserted the row (atomic across nodes: the primary key decides). */
  async insertReservation(db: Db, r: NewReservation): Promise<boolean> {
    /* insertIdempotencyReservation */
    const rows = await db
      .insert(idempotencyKeys)
      .values({
        principalSub: r.principalSub,
        idempotencyKey: r.idempotencyKey,
        fingerprint: r.fingerprint,
        state: "IN_PROGRESS",
        reservation: r.reservation,
        leaseExpiresAt: r.leaseExpiresAt,
        createdAt: r.now,
        expiresAt: r.expiresAt,
      })
      .onConflictDoNothing()
      .returning({ reservation: idempotencyKeys.reservation });
    return rows.length === 1;
  },

  async find(db: Db, principalSub: string, idempotencyKey: string): Promise<IdempotencyKeyRow | undefined> {
    /* findIdempotencyKey */
    const [row] = await db.select().from(idempotencyKeys).where(byKey(principalSub, idempotencyKey));
    return row;
  },

  /**
   * Takes over a row that is free to take: expired (any fingerprint: the key may be used again), or still IN_PROGRESS
   * past its lease with the fingerprint read (`expectedFingerprint`: the process holding it died). Conditional, so of
   * two nodes taking over the same row exactly one succeeds.
   */
  async takeOver(db: Db, r: NewReservation, expectedFingerprint: string): Promise<boolean> {
    /* takeOverIdempotencyKey */
    const rows = await db
      .update(idempotencyKeys)
      .set({
        fingerprint: r.fingerprint,
        state: "IN_PROGRESS",
        reservation: r.reservation,
        leaseExpiresAt: r.leaseExpiresAt,
        responseStatus: null,
        responseBody: null,
        createdAt: r.now,
        expiresAt: r.expiresAt,
      })
      .where(
        and(
          byKey(r.principalSub, r.idempotencyKey),
          or(
            lte(idempotencyKeys.expiresAt, r.now),
            and(eq(idempotencyKeys.state, "IN_PROGRESS"), lte(idempotencyKeys.leaseExpiresAt, r.now), eq(idempotencyKeys.fingerprint, expectedFingerprint)),
          ),
        ),
      )
      .returning({ reservation: idempotencyKeys.reservation });
    return rows.length === 1;
  },

  /** Stores the answer of the reservation `reservation` (false when it is no longer this request's: taken over). */
  async complete(db: Db, principalSub: string, idempotencyKey: string, reservation: string, status: number, body: string): Promise<boolean> {
    /* completeIdempotencyKey */
    const rows = await db
      .update(idempotencyKeys)
      .set({ state: "COMPLETED", responseStatus: status, responseBody: body })
      .where(and(byKey(principalSub, idempotencyKey), eq(idempotencyKeys.reservation, reservation), eq(idempotencyKeys.state, "IN_PROGRESS")))
      .returning({ reservation: idempotencyKeys.reservation });
    return rows.length === 1;
  },

  /** Deletes the reservation `reservation` (the request did not execute): the key is free again. */
  async release(db: Db, principalSub: string, idempotencyKey: string, reservation: string): Promise<void> {
    /* releaseIdempotencyKey */
    await db.delete(idempotencyKeys).where(and(byKey(principalSub, idempotencyKey), eq(idempotencyKeys.reservation, reservation), eq(idempotencyKeys.state, "IN_PROGRESS")));
  },

  /** Deletes up to `limit` rows expired at `now`; returns how many. Rows another node is deleting are skipped. */
  async deleteExpired(db: Db, now: Date, limit: number): Promise<number> {
    /* deleteExpiredIdempotencyKeys */
    const rows = await db
      .delete(idempotencyKeys)
      .where(
        sql`(${idempotencyKeys.principalSub}, ${idempotencyKeys.idempotencyKey}) in (
          select principal_sub, idempotency_key from idempotency_keys where expires_at <= ${now.toISOString()}::timestamptz limit ${limit} for update skip locked)`,
      )
      .returning({ key: idempotencyKeys.idempotencyKey });
    return rows.length;
  },

  /** Key rotation (`npm run pii:rotate`): up to `limit` stored answers, after the key `after`, sealed under another key than `keyId`. */
  async answersNotUnderKey(db: Db, keyId: string, after: { principalSub: string; idempotencyKey: string } | null, limit: number) {
    /* idempotencyAnswersNotUnderKey */
    const rows = await db
      .select({ principalSub: idempotencyKeys.principalSub, idempotencyKey: idempotencyKeys.idempotencyKey, envelope: idempotencyKeys.responseBody })
      .from(idempotencyKeys)
      .where(
        and(
          sql`${idempotencyKeys.responseBody} is not null`,
          sql`split_part(${idempotencyKeys.responseBody}, '.', 2) <> ${keyId}`,
          after ? sql`(${idempotencyKeys.principalSub}, ${idempotencyKeys.idempotencyKey}) > (${after.principalSub}, ${after.idempotencyKey})` : undefined,
        ),
      )
      .orderBy(idempotencyKeys.principalSub, idempotencyKeys.idempotencyKey)
      .limit(limit);
    return rows as { principalSub: string; idempotencyKey: string; envelope: string }[];
  },

  /** Replaces a stored answer by its re-encryption, only if it is still the value read. */
  async replaceAnswerCiphertext(db: Db, principalSub: string, idempotencyKey: string, expected: string, replacement: string): Promise<boolean> {
    /* replaceIdempotencyAnswerCiphertext */
    const rows = await db
      .update(idempotencyKeys)
      .set({ responseBody: replacement })
      .where(and(byKey(principalSub, idempotencyKey), eq(idempotencyKeys.responseBody, expected)))
      .returning({ reservation: idempotencyKeys.reservation });
    return rows.length === 1;
  },
};
