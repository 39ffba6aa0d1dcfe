/**
 * What a database failure means for the caller: the database is unreachable or overloaded (retry later), two
 * transactions conflicted (retry now), or anything else (a bug: internal). postgres.js, PGlite, Node's sockets and
 * drizzle (which wraps the driver's error in `cause`) all carry a string `code`; this module reads it along the
 * cause chain. The HTTP layer answers "unavailable" with 503 SERVICE_UNAVAILABLE and `Retry-After`.
 */

export type DatabaseFailure = "unavailable" | "conflict" | "internal";

/** Seconds a caller is told to wait (`Retry-After`) when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 2;

/** Codes of a connection that could not be opened: the statement was never sent. */
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CONNECT_TIMEOUT", // postgres.js: no connection within `connect_timeout`
  "DB_NO_CONNECTION", // ours (DatabaseUnavailableError): no connection free within the wait bound
  "57P03", // cannot_connect_now (starting up, shutting down)
  "53300", // too_many_connections
]);

/** Codes of a connection lost or a statement stopped: the statement may have been sent. */
const LOST = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED", // postgres.js: the socket closed under a statement
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57014", // query_canceled (statement_timeout): the database is too slow to answer now
  "25P03", // idle_in_transaction_session_timeout
  "53000", // insufficient_resources
  "53100", // disk_full
  "53200", // out_of_memory
]);

/** Serialization failures and deadlock victims: rolled back, safe to run again. */
const CONFLICTS = new Set(["40001", "40P01", "55P03"]); // serialization_failure, deadlock_detected, lock_not_available

interface Coded {
  code?: unknown;
  cause?: unknown;
}

/** The codes along an error's cause chain (outermost first). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let e = error as Coded | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    if (typeof e.code === "string") codes.push(e.code);
    e = e.cause as Coded | undefined;
  }
  return codes;
}

/** The class of a database failure; "internal" for every error this module does not recognize. */
export function classifyDatabaseError(error: unknown): DatabaseFailure {
  for (const code of codesOf(error)) {
    if (NOT_CONNECTED.has(code) || LOST.has(code) || code.startsWith("08")) return "unavailable"; // class 08: connection exception
    if (CONFLICTS.has(code)) return "conflict";
  }
  return "internal";
}

/** The database could not be reached or answer in time: the caller should get 503 SERVICE_UNAVAILABLE and retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return classifyDatabaseError(error) === "unavailable";
}

/** The failure happened before the statement could reach the database (no connection): it was not executed. */
export function neverReachedDatabase(error: unknown): boolean {
  return codesOf(error).some((code) => NOT_CONNECTED.has(code));
}

/**
 * Thrown by the database client before a statement is sent (src/db/client.ts): the database is known to be
 * unreachable, every connection stayed busy for the whole wait, or a ping got no answer in time.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = "DB_NO_CONNECTION";
  constructor(
    message: string,
    readonly reason: "unreachable" | "busy",
  ) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}
