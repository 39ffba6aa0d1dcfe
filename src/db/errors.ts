/**
 * Postgres errors a service turns into userErrors: the database is the last word on uniqueness and overlap
 * (two concurrent requests both pass the service's own check; only one insert wins).
 * postgres.js and PGlite both expose `code` and `constraint_name`/`constraint`; drizzle wraps them in `cause`.
 */
interface PgErrorShape {
  code?: string;
  constraint_name?: string;
  constraint?: string;
  cause?: unknown;
}

function pgError(error: unknown): PgErrorShape | null {
  let e = error as PgErrorShape | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    e = e.cause as PgErrorShape | undefined;
  }
  return null;
}

function constraintOf(e: PgErrorShape): string | undefined {
  return e.constraint_name ?? e.constraint;
}

/** SQLSTATEs of integrity violations that name a constraint the caller's input can break. */
const CONSTRAINT_VIOLATIONS = new Set(["23505", "23P01", "23514"]); // unique, exclusion, check

/**
 * The constraint a unique, exclusion or check violation names (null for any other error). Its userError is
 * looked up in `CONSTRAINT_USER_ERRORS` (src/db/constraint-errors.ts).
 */
export function violatedConstraint(error: unknown): string | null {
  const e = pgError(error);
  if (!e || !e.code || !CONSTRAINT_VIOLATIONS.has(e.code)) return null;
  return constraintOf(e) ?? null;
}

/** A unique_violation (23505), optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return !!e && e.code === "23505" && (constraint === undefined || constraintOf(e) === constraint);
}

/** An exclusion_violation (23P01), optionally on a named constraint (e.g. `engagements_no_overlap`). */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return !!e && e.code === "23P01" && (constraint === undefined || constraintOf(e) === constraint);
}

/** A check_violation (23514). */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return !!e && e.code === "23514" && (constraint === undefined || constraintOf(e) === constraint);
}

/** A restrict_violation (23001): raised by triggers that refuse a change (e.g. a clause of a non-DRAFT MSA). */
export function isRestrictViolation(error: unknown): boolean {
  const e = pgError(error);
  return !!e && e.code === "23001";
}

/**
 * A deadlock_detected (40P01). Exclusion constraints (`engagements_no_overlap`) can deadlock two concurrent
 * inserters that conflict with each other (each waits for the other's index entry); Postgres aborts one.
 * Retrying that one is safe: its checks then see the winner's committed row.
 */
export function isDeadlock(error: unknown): boolean {
  const e = pgError(error);
  return !!e && e.code === "40P01";
}
