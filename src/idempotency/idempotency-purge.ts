import type { Logger } from "../logger";
import type { IdempotencyService } from "./idempotency.service";

/** How often each node deletes expired idempotency keys. */
export const PURGE_INTERVAL_MS = 5 * 60_000;

export interface IdempotencyPurge {
  stop(): Promise<void>;
}

/**
 * The purge job: an interval timer on every node (started and stopped by src/app.ts), on Postgres and on the
 * embedded database alike. Each tick deletes the expired keys in batches of PURGE_BATCH_SIZE rows; nodes ticking
 * together skip each other's rows (`FOR UPDATE SKIP LOCKED`). A failed tick is logged and the next one tries again.
 * Expired keys are already ignored by the lookup, so the purge only bounds the table (and erases stored answers).
 */
export function startIdempotencyPurge(service: IdempotencyService, logger: Logger, intervalMs = PURGE_INTERVAL_MS): IdempotencyPurge {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const deleted = await service.purgeExpired();
      if (deleted > 0) logger.info({ deleted }, "expired idempotency keys purged");
    } catch (error) {
      logger.warn({ err: error }, "idempotency key purge failed: retried at the next tick");
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = tick().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
