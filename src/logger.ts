import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config";
import { classifyDatabaseError } from "./db/availability";

export type { Logger };

/** Nine or more digits, possibly separated by spaces or dashes: a tax id (SSN, ITIN, EIN, SIN) or an account number. */
const DIGIT_RUN = /\b\d(?:[ -]?\d){8,}\b/g;

/** A failed statement's text (its values are bound parameters, dropped): single-quoted literals and digit runs masked. */
const maskSql = (text: string) => text.replace(/'[^']*'/g, "'…'").replace(DIGIT_RUN, "…");
/** Any other message: every quoted value and digit run masked. */
const maskMessage = (text: string) => text.replace(/"[^"]*"|'[^']*'/g, '"…"').replace(DIGIT_RUN, "…");

/**
 * The log redactor: what of an error may reach the log. Never the bound parameters of a failed SQL statement
 * (drizzle puts them in the message: names, tax ids), values quoted by the database in its messages, nor anything
 * that looks like a tax id: the statement text, the database's error code (SQLSTATE, or the driver's connection
 * code), constraint, table, severity and routine, the class of failure (`database`: unavailable, conflict), the cause
 * chain and the stack frames are enough to tell a deadlock from a constraint from an outage. The pg `detail`, `where`
 * and `hint` (which repeat the key's values) are never copied.
 *
 * Every logger made by `createLogger` runs it on the `err` field of every log call (and on an error passed as the
 * first argument): callers write `logger.error({ err: error }, "…")`, never a message of their own making.
 */
export function errorForLog(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: typeof error === "string" ? "(non-Error thrown)" : typeof error };
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
  const pg = error as Error & { code?: unknown; constraint_name?: unknown; constraint?: unknown; table_name?: unknown; severity?: unknown; routine?: unknown };
  const message = error.message.startsWith("Failed query: ")
    ? maskSql(error.message.split("\nparams:")[0]) // keep the SQL, drop the values
    : maskMessage(error.message);
  return {
    name: error.name,
    message,
    ...(typeof pg.code === "string" ? { code: pg.code } : {}),
    ...(typeof (pg.constraint_name ?? pg.constraint) === "string" ? { constraint: pg.constraint_name ?? pg.constraint } : {}),
    ...(typeof pg.table_name === "string" ? { table: pg.table_name } : {}),
    ...(typeof pg.severity === "string" ? { severity: pg.severity } : {}),
    ...(typeof pg.routine === "string" ? { routine: pg.routine } : {}),
    // What it means for the caller (src/db/availability.ts): an outage, a conflict to retry, or a bug.
    ...(depth === 0 && classifyDatabaseError(error) !== "internal" ? { database: classifyDatabaseError(error) } : {}),
    stack: frames,
    ...(error.cause !== undefined && depth < 3 ? { cause: errorForLog(error.cause, depth + 1) } : {}),
  };
}

/**
 * Structured JSON logs. Tokens, tax ids and worker names must never reach a log line: request headers are
 * not logged, GraphQL variables are not logged, errors go through `errorForLog` (the `err` serializer), and these
 * paths are redacted as a second line of defence.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "eor-graph" },
    serializers: { err: (error: unknown) => errorForLog(error) },
    hooks: {
      // pino takes a line's message from the raw error when the call gives none (`logger.error(e)`,
      // `logger.error({ err: e })`): give it the redacted one instead.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        const fields = first instanceof Error ? { err: first } : first;
        // `method` is pino's overloaded LogFn: `Parameters` sees only its last overload, so the (fields, message,
        // ...args) call it accepts at run time is asserted through unknown.
        if (fields !== null && typeof fields === "object" && "err" in fields && typeof rest[0] !== "string") {
          const message = String(errorForLog(fields.err).message);
          return method.apply(this, [fields, message] as unknown as Parameters<typeof method>);
        }
        if (fields !== first) return method.apply(this, [fields, ...rest] as unknown as Parameters<typeof method>);
        return method.apply(this, args);
      },
    },
    redact: {
      paths: [
        "authorization",
        "headers.authorization",
        "req.headers.authorization",
        "token",
        "*.token",
        "taxId",
        "*.taxId",
        "legalFirstName",
        "legalLastName",
        "*.legalFirstName",
        "*.legalLastName",
        "variables",
      ],
      censor: "[redacted]",
    },
  };
  // The destination is for tests that read the log lines; the default is stdout.
  return destination ? pino(options, destination) : pino(options);
}
