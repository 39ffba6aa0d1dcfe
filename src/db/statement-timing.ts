import type postgres from "postgres";
import type { PGlite } from "@electric-sql/pglite";
import { SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";

/**
 * Timing of every SQL statement sent through drizzle, on either driver: a duration for the metrics
 * (src/observability/metrics.ts) and, when tracing is on, a span (src/observability/tracing.ts). postgres.js has no
 * maintained OpenTelemetry instrumentation and drizzle's logger is called before the statement runs (no duration),
 * so the driver's calls are wrapped here: postgres.js `unsafe` (inside transactions and savepoints too), PGlite's
 * `query` (and its transactions').
 *
 * A statement is described by its kind and first table (`select` `workers`), read from the start of its text:
 * never the text itself, and never a value (drizzle binds every value as a parameter anyway). Both are bounded: a
 * kind outside KINDS is `other`, a table is an identifier of at most 63 characters.
 */
export interface StatementSample {
  /** `select`, `insert`, `update`, `delete`, `with`, … or `other`. */
  operation: string;
  /** The first table the statement names (`workers`), or "" when none was found. */
  table: string;
  seconds: number;
  ok: boolean;
  /** Rows returned or affected, when the driver says. */
  rows: number | undefined;
}

export type StatementObserver = (sample: StatementSample) => void;

/** The observers of one database's statements (every app on the database adds its own, and removes it at stop). */
export class StatementTiming {
  private readonly observers = new Set<StatementObserver>();

  /** Adds an observer; returns its removal. */
  observe(observer: StatementObserver): () => void {
    this.observers.add(observer);
    return () => void this.observers.delete(observer);
  }

  /** Times `run` (the statement `text`): a span around it, and a sample to every observer once it settled. */
  async time<T>(text: string, run: () => PromiseLike<T>, rowsOf: (result: T) => number | undefined): Promise<T> {
    const { operation, table } = describeStatement(text);
    const span = tracer.startSpan(table ? `${operation} ${table}` : operation, {
      kind: SpanKind.CLIENT,
      attributes: { "db.system": "postgresql", "db.system.name": "postgresql", "db.operation.name": operation, ...(table ? { "db.collection.name": table } : {}) },
    });
    const started = performance.now();
    let ok = false;
    let rows: number | undefined;
    try {
      const result = await run();
      ok = true;
      rows = rowsOf(result);
      return result;
    } catch (error) {
      endWithError(span, error);
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      if (ok) span.end();
      for (const observer of this.observers) observer({ operation, table, seconds, ok, rows });
    }
  }
}

const tracer = trace.getTracer("eor-graph.db");

function endWithError(span: Span, error: unknown): void {
  // The error's class and SQLSTATE only: a database message may quote values.
  const code = (error as { code?: unknown }).code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === "string" ? code : error instanceof Error ? error.name : "error" });
  if (typeof code === "string") span.setAttribute("db.response.status_code", code);
  span.end();
}

const KINDS = new Set([
  "select",
  "insert",
  "update",
  "delete",
  "with",
  "values",
  "begin",
  "commit",
  "rollback",
  "savepoint",
  "release",
  "set",
  "lock",
  "create",
  "alter",
  "drop",
  "truncate",
  "listen",
  "notify",
  "explain",
]);
const IDENTIFIER = String.raw`"?([A-Za-z_][A-Za-z0-9_$]{0,62})"?`;
const QUALIFIED = new RegExp(`${IDENTIFIER}(?:\\.${IDENTIFIER})?`);
const TABLE_AFTER: Record<string, RegExp> = {
  insert: new RegExp(String.raw`^insert\s+into\s+` + QUALIFIED.source, "i"),
  update: new RegExp(String.raw`^update\s+(?:only\s+)?` + QUALIFIED.source, "i"),
  delete: new RegExp(String.raw`^delete\s+from\s+(?:only\s+)?` + QUALIFIED.source, "i"),
  lock: new RegExp(String.raw`^lock\s+(?:table\s+)?` + QUALIFIED.source, "i"),
};
const FIRST_FROM = new RegExp(String.raw`\bfrom\s+` + QUALIFIED.source, "i");
const MAX_CACHED = 5_000;
const described = new Map<string, { operation: string; table: string }>();

/** The kind and first table of a statement (cached by text: drizzle sends the same texts again and again). */
export function describeStatement(text: string): { operation: string; table: string } {
  const cached = described.get(text);
  if (cached) return cached;
  const head = text
    .slice(0, 2_000)
    .replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, "")
    .trimStart();
  const word = /^[A-Za-z]+/.exec(head)?.[0].toLowerCase() ?? "";
  const operation = KINDS.has(word) ? word : "other";
  const match = (TABLE_AFTER[operation] ?? (operation === "select" || operation === "with" ? FIRST_FROM : null))?.exec(head);
  const table = match ? (match[2] ?? match[1]).toLowerCase() : "";
  const result = { operation, table };
  if (described.size >= MAX_CACHED) described.clear();
  described.set(text, result);
  return result;
}

const postgresRows = (result: unknown) => (result as { count?: number } | null)?.count ?? undefined;
const pgliteRows = (result: unknown) => {
  const r = result as { affectedRows?: number; rows?: unknown[] } | null;
  return r?.affectedRows || r?.rows?.length;
};

/**
 * postgres.js with `unsafe` timed, here and in every transaction (`begin`) and savepoint it opens. `unsafe` gives a
 * thenable with `values()`, which is what drizzle and the connection gate use of it; tagged-template calls pass
 * through untimed (LISTEN, the rate limiter's own statements, the ping).
 */
export function timedPostgres<S extends postgres.Sql | postgres.TransactionSql>(sql: S, timing: StatementTiming): S {
  const unsafe = (query: string, params?: unknown[], options?: unknown) => {
    // postgres.js sends a query when it is first awaited: the query object itself is created here, and only its
    // awaiting is timed. Everything else (`.writable()` of a COPY, `.cursor()`, …) reaches the query unchanged.
    const pending = sql.unsafe(query, params as postgres.ParameterOrJSON<never>[], options as postgres.UnsafeQueryOptions);
    let sent: Promise<unknown> | undefined;
    const result = () => (sent ??= timing.time(query, () => pending, postgresRows));
    return new Proxy(pending, {
      get(target, property) {
        if (property === "then") return (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => result().then(onFulfilled, onRejected);
        if (property === "catch") return (onRejected?: (reason: unknown) => unknown) => result().catch(onRejected);
        if (property === "finally") return (onFinally?: () => void) => result().finally(onFinally);
        if (property === "values") return () => timing.time(query, () => target.values(), postgresRows);
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  const withTimedCallback =
    (method: "begin" | "savepoint") =>
    (...args: unknown[]) => {
      const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
      const call = (sql as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
      return call(...args, (tx: postgres.TransactionSql) => fn(timedPostgres(tx, timing)));
    };
  const begin = withTimedCallback("begin");
  const savepoint = withTimedCallback("savepoint");
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      if (property === "begin" && "begin" in target) return begin;
      if (property === "savepoint" && "savepoint" in target) return savepoint;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

type PgliteQueryable = Pick<PGlite, "query">;

/** PGlite (or one of its transactions) with `query` timed, and every transaction it opens. */
export function timedPglite<P extends PgliteQueryable>(client: P, timing: StatementTiming): P {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "query") {
        return (query: string, ...rest: unknown[]) => timing.time(query, () => (target.query as (...a: unknown[]) => Promise<unknown>).call(target, query, ...rest), pgliteRows);
      }
      if (property === "transaction" && "transaction" in target) {
        return (fn: (tx: PgliteQueryable) => unknown) => (target as unknown as PGlite).transaction((tx) => fn(timedPglite(tx, timing)) as Promise<unknown>);
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
