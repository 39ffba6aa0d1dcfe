import type { Logger } from "../logger";

/** How often each node runs the retention purges. */
export const RETENTION_INTERVAL_MS = 5 * 60_000;

/** Rows deleted per statement: short statements and short row locks, beside live traffic. */
export const RETENTION_BATCH_SIZE = 1_000;

/** One table whose rows expire: `purgeBatch` deletes at most `limit` expired rows and says how many it deleted. */
export interface RetentionTask {
  /** What the log lines name (`idempotency_keys`, …). */
  name: string;
  purgeBatch(limit: number): Promise<number>;
}

export interface RetentionSweeper {
  /** One sweep now (every task until it has nothing left): what each deleted. */
  sweep(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * What keeps the tables that grow with traffic bounded: an interval timer on every node (started and stopped by
 * src/app.ts), on Postgres and on the embedded database alike. Each tick runs every task in batches of
 * RETENTION_BATCH_SIZE rows until a batch comes back short; nodes ticking together skip each other's rows (the
 * tasks' deletes use `FOR UPDATE SKIP LOCKED`). A failed task is logged and tried again at the next tick; the
 * others still run.
 */
export function startRetentionSweeper(tasks: readonly RetentionTask[], logger: Logger, intervalMs = RETENTION_INTERVAL_MS): RetentionSweeper {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const sweep = async () => {
    const deleted: Record<string, number> = {};
    for (const task of tasks) {
      try {
        let n = 0;
        for (;;) {
          const batch = await task.purgeBatch(RETENTION_BATCH_SIZE);
          n += batch;
          if (batch < RETENTION_BATCH_SIZE || stopped) break;
        }
        deleted[task.name] = n;
        if (n > 0) logger.info({ table: task.name, deleted: n }, "expired rows purged");
      } catch (error) {
        logger.warn({ err: error, table: task.name }, "retention purge failed: retried at the next tick");
      }
    }
    return deleted;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = sweep().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    sweep() {
      const run = inFlight.then(sweep);
      inFlight = run;
      return run;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
