import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import type { Logger } from "../../logger";
import type { PiiCipher } from "../../pii/pii-cipher";
import { newId } from "../../shared/ids";
import { eventRepository, recordEvent } from "../events/event.repository";
import { encodeEventCursor } from "../events/event.cursor";
import { endpointOwner, isDeliverable, toEnvelope } from "./webhook-envelope";
import { postWebhook, type OutboundPolicy } from "./webhook-outbound";
import { retryDelayMs, scheduleSpanMs } from "./webhook-retry";
import { signatureHeader } from "./webhook-signature";
import type { JobObserver } from "../../observability/jobs";
import { webhookStreamRepository as streams, type StreamRow } from "./webhook.repository";
import type { WebhookEndpointRow } from "./webhook.type";

/**
 * Delivering one endpoint's events: the work of one job of the delivery queue (webhook-delivery.queue.ts).
 *
 * Each endpoint has a cursor over its client's event log (`webhook_streams.delivered_seq`). A run takes the
 * endpoint's lease, reads the events after the cursor in seq order, skips those the endpoint does not take (type,
 * or an object its owner may not read), POSTs the next one and moves the cursor past it only after a 2xx — so a
 * process killed at any point leaves the cursor before the event, and the event is sent again (at least once; the
 * receiver deduplicates on `webhook-id`). A failure records the attempt and schedules the next one per the retry
 * schedule; events after it wait (they are delivered in seq order). When the last retry of the schedule fails the
 * endpoint is disabled, with an event; re-enabling it resumes at the event that failed.
 */
export interface DeliveryDeps {
  db: Db;
  pii: PiiCipher;
  logger: Logger;
  retryScheduleMs: readonly number[];
  policy: OutboundPolicy;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** Aborted when the node stops: an attempt in flight ends at once (recorded as failed, retried by a live node). */
  stopping?: AbortSignal;
  /** Reports each delivery run of an endpoint (a job of the queue). */
  onJob?: JobObserver;
  /** Reports each attempt once recorded: delivered, failed (a retry is scheduled), or failed for the last time. */
  onAttempt?: (outcome: "succeeded" | "failed" | "gave_up") => void;
}

/** Longer than one attempt (10 s) and its writes: a lease older than this belongs to a process that died. */
export const LEASE_MS = 15_000;
const EVENTS_PER_READ = 100;
/** Events one run delivers before handing the endpoint back to the queue (other endpoints get their turn). */
const EVENTS_PER_RUN = 200;
/** Encryption context of a stored secret: the ciphertext only decrypts on its own endpoint's row. */
export const secretContext = (endpointId: string) => `webhook_endpoints.secret:${endpointId}`;

type RunOutcome = { kind: "caught-up" } | { kind: "more" } | { kind: "retry"; at: Date } | { kind: "stopped" };

/**
 * Runs the endpoint until it is caught up, waits for a retry, or has used its budget. Returns when the queue should
 * run it again: a date (a retry, or now when more remain), or null (nothing to do until a new event).
 */
export async function deliverEndpoint(deps: DeliveryDeps, endpointId: string): Promise<Date | null> {
  const { db } = deps;
  for (let round = 0; round < 5; round++) {
    const token = randomUUID();
    const stream = await streams.claim(db, endpointId, token, LEASE_MS);
    if (!stream) {
      // Not due yet (its retry is scheduled), disabled, deleted, or another node holds it (it checks again on release).
      const state = await streams.state(db, endpointId);
      return state?.enabled && state.nextAttemptAt && state.nextAttemptAt > new Date() ? state.nextAttemptAt : null;
    }
    let outcome: RunOutcome;
    try {
      outcome = await deliverUnderLease(deps, stream, token);
    } finally {
      await streams.release(db, endpointId, token);
    }
    if (outcome.kind === "retry") return outcome.at;
    if (outcome.kind === "more") return new Date();
    if (outcome.kind === "stopped") return null;
    // Caught up. An event committed while we held the lease may have found the endpoint busy: look once more.
    const state = await streams.state(db, endpointId);
    if (!state) return null;
    const lastSeq = await eventRepository.lastSeq(db, { all: false, clientIds: [state.clientId] }, state.clientId);
    if (lastSeq <= state.deliveredSeq) return null;
  }
  return new Date();
}

function secretsOf(pii: PiiCipher, endpoint: WebhookEndpointRow): string[] {
  const context = secretContext(endpoint.id);
  const secrets = [pii.decrypt(endpoint.secret, context)];
  if (endpoint.previousSecret !== null && endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > new Date()) {
    secrets.push(pii.decrypt(endpoint.previousSecret, context));
  }
  return secrets;
}

async function deliverUnderLease(deps: DeliveryDeps, stream: StreamRow, token: string): Promise<RunOutcome> {
  const { db, logger } = deps;
  const endpoint = await streams.endpoint(db, stream.endpointId);
  if (!endpoint || !endpoint.enabled) return { kind: "stopped" };
  const owner = endpointOwner(endpoint);
  const secrets = secretsOf(deps.pii, endpoint);
  const clientScope = { all: false as const, clientIds: [endpoint.clientId] };
  let cursor = stream.deliveredSeq;
  let attempt = stream.attempt;
  let failingSince = stream.failingSince;
  let sent = 0;

  while (sent < EVENTS_PER_RUN) {
    const rows = await eventRepository.since(db, clientScope, endpoint.clientId, cursor, EVENTS_PER_READ);
    if (rows.length === 0) return { kind: "caught-up" };
    let skippedTo: number | null = null;
    for (const row of rows) {
      if (!isDeliverable(row, endpoint, owner)) {
        skippedTo = row.seq;
        continue;
      }
      if (skippedTo !== null) {
        if (!(await streams.advance(db, endpoint.id, token, { deliveredSeq: skippedTo }))) return { kind: "stopped" };
        skippedTo = null;
      }
      if (!(await streams.renew(db, endpoint.id, token, LEASE_MS))) return { kind: "stopped" };

      attempt += 1;
      const envelope = toEnvelope(row);
      const body = JSON.stringify(envelope);
      const timestamp = Math.floor(Date.now() / 1000);
      const attemptedAt = new Date();
      const result = await postWebhook(
        endpoint.url,
        {
          "content-type": "application/json",
          "user-agent": "eor-graph-webhooks/1",
          "webhook-id": envelope.id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signatureHeader(envelope.id, timestamp, body, secrets),
        },
        body,
        deps.policy,
        deps.timeoutMs,
        deps.stopping,
      );
      const record = {
        id: newId(),
        endpointId: endpoint.id,
        clientId: endpoint.clientId,
        seq: row.seq,
        eventType: row.type,
        attempt,
        attemptedAt,
        httpStatus: result.httpStatus,
        latencyMs: result.latencyMs,
        error: result.error,
      };

      if (result.ok) {
        const kept = await db.transaction(async (tx) => {
          await streams.recordAttempt(tx, { ...record, status: "SUCCEEDED", nextRetryAt: null });
          return streams.advance(tx, endpoint.id, token, { deliveredSeq: row.seq, attempt: 0, nextAttemptAt: null, failingSince: null });
        });
        deps.onAttempt?.("succeeded");
        if (!kept) return { kind: "stopped" };
        attempt = 0;
        failingSince = null;
        sent++;
        continue;
      }

      failingSince ??= attemptedAt;
      const delay = retryDelayMs(deps.retryScheduleMs, attempt);
      if (delay !== null) {
        const at = new Date(Date.now() + delay);
        await db.transaction(async (tx) => {
          await streams.recordAttempt(tx, { ...record, status: "FAILED", nextRetryAt: at });
          await streams.advance(tx, endpoint.id, token, { attempt, nextAttemptAt: at, failingSince });
        });
        deps.onAttempt?.("failed");
        return { kind: "retry", at };
      }

      // The last retry failed: every attempt has failed for the whole schedule.
      const reason = (
        `Every delivery attempt failed for ${describeSpan(attemptedAt.getTime() - failingSince.getTime(), deps.retryScheduleMs)} ` +
        `(${attempt} attempts of event ${encodeEventCursor(row.clientId, row.seq)}); last: ${result.error ?? "failed"}`
      ).slice(0, 500);
      await db.transaction(async (tx) => {
        await streams.recordAttempt(tx, { ...record, status: "FAILED", nextRetryAt: null });
        await streams.advance(tx, endpoint.id, token, { attempt, nextAttemptAt: null, failingSince });
        const disabled = await streams.disable(tx, endpoint.id, reason);
        if (disabled) {
          await recordEvent(tx, {
            clientId: endpoint.clientId,
            type: "webhookEndpoint.disabled",
            objectType: "WebhookEndpoint",
            objectId: endpoint.id,
            actor: { kind: "SYSTEM", id: "webhooks" },
            before: { enabled: true },
            after: { enabled: false, disabledReason: reason, changed: [] },
          });
        }
      });
      deps.onAttempt?.("gave_up");
      logger.warn({ endpointId: endpoint.id, attempts: attempt }, "webhook endpoint disabled: every attempt of the retry schedule failed");
      return { kind: "stopped" };
    }
    if (skippedTo !== null) {
      if (!(await streams.advance(db, endpoint.id, token, { deliveredSeq: skippedTo }))) return { kind: "stopped" };
      cursor = skippedTo;
    } else {
      cursor = rows[rows.length - 1].seq;
    }
  }
  return { kind: "more" };
}

function describeSpan(failingMs: number, schedule: readonly number[]): string {
  const ms = Math.max(failingMs, 0);
  const hours = ms / 3_600_000;
  const text = hours >= 1 ? `${hours.toFixed(1)} h` : `${Math.round(ms / 1000)} s`;
  return `${text} (retry schedule: ${Math.round(scheduleSpanMs(schedule) / 1000)} s)`;
}
