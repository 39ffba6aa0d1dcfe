import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import type { PiiCipher } from "../pii/pii-cipher";
import { idempotencyRepository, type NewReservation } from "./idempotency.repository";
import { keyInUse, keyReused, lookupUnavailable, type IdempotencyError } from "./idempotency.errors";

/** The longest a lookup may take before the request is refused with SERVICE_UNAVAILABLE (nothing executed). */
export const LOOKUP_TIMEOUT_MS = 1_500;
/** Margin of the lease past the request timeout: time for a cancelled operation's transaction to end and its answer to be stored. */
export const LEASE_MARGIN_MS = 60_000;
/** Rows deleted per purge statement. */
export const PURGE_BATCH_SIZE = 1_000;
/** Waits before storing an answer again when the first attempt failed (the lease must outlast them). */
const STORE_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];

const FINGERPRINT_PURPOSE = "idempotency_keys.fingerprint";
/** Encryption context of a stored answer: it only decrypts on its own (sub, key) row. */
export const bodyContext = (sub: string, key: string) => `idempotency_keys.response_body:${JSON.stringify([sub, key])}`;

export interface IdempotencyOptions {
  /** IDEMPOTENCY_RETENTION_HOURS: how long an answer is replayed (and a key cannot be reused for another request). */
  retentionHours: number;
  /**
   * How long a reservation holds without an answer (REQUEST_TIMEOUT_MS + LEASE_MARGIN_MS): past it, the process
   * that reserved the key is taken as dead and the same request may take the key over and execute.
   */
  leaseMs: number;
  /** The clock (tests move it). */
  now?: () => Date;
}

/** A key this request holds: it executes, then stores its answer (`complete`) or gives the key back (`release`). */
export interface Reservation {
  readonly principalSub: string;
  readonly key: string;
  readonly id: string;
}

export type Decision = { kind: "execute"; reservation: Reservation } | { kind: "replay"; status: number; body: string } | { kind: "refuse"; error: IdempotencyError };

export interface KeyedRequest {
  principalSub: string;
  key: string;
  /** `fingerprintInput(…)`: hashed here, with the PII hashing key. */
  fingerprintInput: string;
}

/** Rejects with `timeout` when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The rules of idempotency keys (src/idempotency/README in the main README, section "Idempotency"):
 * - a key is reserved atomically across nodes (INSERT … ON CONFLICT DO NOTHING on (sub, key), then read);
 * - the same request (fingerprint) within retention replays the stored answer; another request is refused
 *   (REUSED); while the first still runs, IN_USE;
 * - a reservation left IN_PROGRESS past its lease (its process died before storing an answer) may be taken over by
 *   the same request, and an expired key by any request;
 * - the answer is stored before it is sent (a caller that saw it replays it); an answer that could not be stored
 *   is tried again in the background while the lease holds.
 */
export class IdempotencyService {
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly pii: PiiCipher,
    private readonly logger: Logger,
    readonly options: IdempotencyOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Reserves the key, or says why not (replay, refusal). A database failure or a lookup over LOOKUP_TIMEOUT_MS refuses with SERVICE_UNAVAILABLE. */
  async begin(request: KeyedRequest): Promise<Decision> {
    const fingerprints = this.pii.hashCandidates(FINGERPRINT_PURPOSE, request.fingerprintInput);
    const lookup = this.lookup(request, fingerprints);
    let found: Awaited<typeof lookup>;
    try {
      found = await within(lookup, LOOKUP_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: error }, "idempotency key lookup failed: request refused with SERVICE_UNAVAILABLE");
      // A reservation that lands after the refusal is given back, so the caller's retry does not wait for the lease.
      void lookup.then((late) => (late.kind === "execute" ? this.release(late.reservation) : undefined)).catch(() => {});
      return { kind: "refuse", error: lookupUnavailable() };
    }
    if (found.kind !== "stored") return found;
    // Decrypting is not a database failure: an envelope that does not open (its PII key was dropped before the
    // retention ended) is an internal error, thrown.
    return { kind: "replay", status: found.status, body: this.pii.decrypt(found.body, bodyContext(request.principalSub, request.key)) };
  }

  private async lookup(request: KeyedRequest, fingerprints: string[]): Promise<Exclude<Decision, { kind: "replay" }> | { kind: "stored"; status: number; body: string }> {
    const { principalSub, key } = request;
    const reservation: Reservation = { principalSub, key, id: randomUUID() };
    // Three rounds: the row can change hands between two statements (released, purged, taken over).
    for (let round = 0; round < 3; round++) {
      const now = this.now();
      const row: NewReservation = {
        principalSub,
        idempotencyKey: key,
        fingerprint: fingerprints[0],
        reservation: reservation.id,
        now,
        leaseExpiresAt: new Date(now.getTime() + this.options.leaseMs),
        expiresAt: new Date(now.getTime() + this.options.retentionHours * 3_600_000),
      };
      if (await idempotencyRepository.insertReservation(this.db, row)) return { kind: "execute", reservation };
      const existing = await idempotencyRepository.find(this.db, principalSub, key);
      if (!existing) continue; // released or purged between the two statements
      const expired = existing.expiresAt.getTime() <= now.getTime();
      if (!expired && !fingerprints.includes(existing.fingerprint)) return { kind: "refuse", error: keyReused() };
      if (!expired && existing.state === "COMPLETED") return { kind: "stored", status: existing.responseStatus!, body: existing.responseBody! };
      if (!expired && existing.leaseExpiresAt.getTime() > now.getTime()) return { kind: "refuse", error: keyInUse() };
      // Expired, or abandoned past its lease by a process that died: take it over (one node wins).
      if (await idempotencyRepository.takeOver(this.db, row, existing.fingerprint)) {
        if (!expired) this.logger.warn({ principalSub, leaseExpiredAt: existing.leaseExpiresAt }, "idempotency key taken over after its lease expired");
        return { kind: "execute", reservation };
      }
    }
    return { kind: "refuse", error: keyInUse() };
  }

  /**
   * Stores the answer of an executed request; resolves once the first attempt is done (the answer is sent then).
   * A failed attempt is retried in the background while the lease holds; if none succeeds the key stays reserved
   * until its lease expires, after which the same request executes again (see README "Idempotency").
   */
  async complete(reservation: Reservation, status: number, body: string): Promise<void> {
    const envelope = this.pii.encrypt(body, bodyContext(reservation.principalSub, reservation.key));
    const store = () => within(idempotencyRepository.complete(this.db, reservation.principalSub, reservation.key, reservation.id, status, envelope), LOOKUP_TIMEOUT_MS);
    try {
      if (!(await store())) this.logger.warn({ principalSub: reservation.principalSub }, "idempotency reservation was taken over before its answer was stored");
    } catch (error) {
      this.logger.error({ err: error }, "storing an idempotent answer failed: retrying in the background");
      void this.storeLater(store);
    }
  }

  private async storeLater(store: () => Promise<boolean>): Promise<void> {
    for (const delay of STORE_RETRY_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      try {
        await store();
        return;
      } catch {
        // next attempt
      }
    }
    this.logger.error("an idempotent answer could not be stored: its key is free again once its lease expires");
  }

  /** Gives the key back: the request did not execute (failed before execution, or SERVICE_UNAVAILABLE). */
  async release(reservation: Reservation): Promise<void> {
    try {
      await within(idempotencyRepository.release(this.db, reservation.principalSub, reservation.key, reservation.id), LOOKUP_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: error }, "releasing an idempotency key failed: it is free once its lease expires");
    }
  }

  /** Deletes every key expired at `now`, PURGE_BATCH_SIZE rows per statement; returns how many. */
  async purgeExpired(now: Date = this.now(), batchSize = PURGE_BATCH_SIZE): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.purgeExpiredBatch(batchSize, now);
      deleted += n;
      if (n < batchSize) return deleted;
    }
  }

  /** Deletes at most `limit` keys expired at `now` (one statement, bounded); returns how many (the retention sweeper's task). */
  purgeExpiredBatch(limit: number, now: Date = this.now()): Promise<number> {
    return within(idempotencyRepository.deleteExpired(this.db, now, limit), 30_000);
  }
}
