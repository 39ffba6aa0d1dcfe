/**
 * When a failed delivery is tried again. Standard Webhooks' recommended schedule stretched past 72 hours: the
 * first retry 5 s after the failure, then 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 14 h, 20 h and 24 h — 11 attempts
 * over 85 h 35 min. `WEBHOOK_RETRY_SCHEDULE` (src/config.ts) replaces it (e.g. `1s,2s,5s` for tests and sandboxes).
 * When the last retry fails too, the endpoint has failed every attempt for the whole schedule: it is disabled.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000, 50_400, 72_000, 86_400].map((s) => s * 1000);

/** The delay before the attempt after `failedAttempts` failed ones (1 = the first attempt failed); null once the schedule is exhausted. */
export function retryDelayMs(schedule: readonly number[], failedAttempts: number): number | null {
  return failedAttempts >= 1 && failedAttempts <= schedule.length ? schedule[failedAttempts - 1] : null;
}

/** Total time the schedule covers. */
export function scheduleSpanMs(schedule: readonly number[]): number {
  return schedule.reduce((sum, d) => sum + d, 0);
}
