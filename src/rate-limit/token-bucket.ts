/**
 * The token bucket of one principal, as pure arithmetic (the stores apply it: src/rate-limit/*-bucket-store.ts).
 *
 * A bucket holds up to `capacity` points and gains `restorePerSecond` points per second up to that capacity. A
 * request costing `cost` points is granted when the bucket holds at least `cost`, and then takes them; a refused
 * request takes nothing (it is not charged). The Postgres store runs the same rule in one SQL statement on the
 * database's clock; this module is the in-process version and the single definition of the derived numbers.
 */
export interface BucketPolicy {
  /** RATE_LIMIT_POINTS: the most a bucket holds (a new principal starts full). */
  capacity: number;
  /** RATE_LIMIT_RESTORE_PER_SECOND: points restored per second. */
  restorePerSecond: number;
}

/** A bucket's level at an instant (milliseconds on the clock that measured it). */
export interface BucketState {
  tokens: number;
  at: number;
}

/** What taking from a bucket answered: whether it was granted, and the level after. */
export interface BucketTake {
  granted: boolean;
  /** Points left after this request (before it, when refused). */
  available: number;
}

/** The level of a bucket at `now`: its last level plus the restore since, capped at the capacity. */
export function levelAt(state: BucketState | undefined, now: number, policy: BucketPolicy): number {
  if (!state) return policy.capacity;
  const elapsedSeconds = Math.max(0, now - state.at) / 1000;
  return Math.min(policy.capacity, state.tokens + elapsedSeconds * policy.restorePerSecond);
}

/** Takes `cost` points at `now` when the bucket holds them; the new state either way (a refusal charges nothing). */
export function take(state: BucketState | undefined, cost: number, now: number, policy: BucketPolicy): { state: BucketState; result: BucketTake } {
  const level = levelAt(state, now, policy);
  const granted = level >= cost;
  const tokens = granted ? level - cost : level;
  return { state: { tokens, at: Math.max(now, state?.at ?? now) }, result: { granted, available: tokens } };
}

/** Whole seconds until the bucket holds `points` again (0 when it already does): `Retry-After` of a refusal. */
export function secondsUntil(available: number, points: number, policy: BucketPolicy): number {
  if (available >= points) return 0;
  // (less a nanosecond's worth: the float arithmetic of the level must not add a whole second)
  return Math.max(0, Math.ceil((points - available) / policy.restorePerSecond - 1e-9));
}

/** Whole seconds until the bucket is full again: the `t` of the `RateLimit` header on a granted request. */
export function secondsUntilFull(available: number, policy: BucketPolicy): number {
  return secondsUntil(available, policy.capacity, policy);
}
