import { fileURLToPath } from "node:url";
import { mkdirSync, readFileSync } from "node:fs";
import type postgres from "postgres";
import { postgresClient } from "./socket";
import { drizzle as drizzlePostgres, PostgresJsDatabase, PostgresJsSession } from "drizzle-orm/postgres-js";
import type { PgDialect } from "drizzle-orm/pg-core";
import type { Logger as DrizzleLogger } from "drizzle-orm/logger";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { DatabaseUnavailableError, isDatabaseUnavailable, neverReachedDatabase } from "./availability";
import { StatementTiming, timedPglite, timedPostgres } from "./statement-timing";
import { createProgress, type Progress } from "../cli/progress";

/**
 * A drizzle database or transaction over either driver: repositories accept this. Typed without the tables:
 * queries name their tables (`db.select().from(workers)`), drizzle's relational API (`db.query.*`) is not used,
 * so src/db depends on no module (only drizzle-kit's entry, src/db/schema.ts, lists them).
 */
export type Db = PgDatabase<PgQueryResultHKT>;

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** The migrations of migrations/ (drizzle-kit's journal). */
const migrationCount = () => (JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, "utf8")) as { entries: unknown[] }).entries.length;

/**
 * Runs `migrate` as one progress step: how many of the migrations were applied before, and how many it applied
 * (drizzle applies the pending ones in one transaction, so the step advances once, at the end).
 */
async function migrateWithProgress(progress: Progress, applied: () => Promise<number>, migrate: () => Promise<void>): Promise<void> {
  const total = migrationCount();
  const before = await applied().catch(() => 0); // no migrations table yet: none applied
  progress.step(`database migrations (${before} of ${total} applied)`, total - before);
  await migrate();
  const after = await applied().catch(() => before);
  progress.advance(after - before);
  progress.done(after > before ? `${after - before} applied` : "up to date");
}
const silent = () => createProgress({ silent: true });

/** Counts SQL statements sent through drizzle; the DataLoader tests read it. */
export class StatementCounter {
  count = 0;
}

/**
 * What one operation did to the database, for the answer to a failure: a mutation whose statements never reached
 * the database was not executed (safe to retry); one that may have written (a COMMIT was sent, or a write outside a
 * transaction) may have been applied.
 */
export interface DatabaseActivity {
  mayHaveWritten: boolean;
}

export interface Database {
  kind: "postgres" | "pglite";
  /** This node's database handle (background work, scripts). */
  db: Db;
  /** A handle on the same connections that records into `activity` what the operation sent (one per GraphQL operation). */
  forOperation(activity: DatabaseActivity): Db;
  statements: StatementCounter;
  /** The duration of every statement sent through drizzle (`db`, `forOperation`, `background`), for metrics and traces. */
  timing: StatementTiming;
  /**
   * The same database for background work of this node (webhook delivery, sweeps): its statements are not counted in
   * `statements`, so what a request costs can be counted while background work runs.
   */
  background: Db;
  /** The postgres.js client (Postgres only): LISTEN/NOTIFY and reserved connections. */
  pg?: postgres.Sql;
  /** The connection URL (Postgres only): for clients with their own driver, such as the job queue. */
  url?: string;
  /** The PGlite instance (embedded only): its in-process LISTEN/NOTIFY. */
  pglite?: PGlite;
  /** Applies the pending migrations (under an advisory lock on Postgres), reporting how far on `progress`. */
  migrate(progress?: Progress): Promise<void>;
  /** `select 1`, failing after `timeoutMs` (default PING_TIMEOUT_MS) when the database does not answer. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string;
  maxConnections?: number;
  /** Postgres: longest wait for a free connection before DatabaseUnavailableError (default WAIT_FOR_CONNECTION_MS). */
  waitForConnectionMs?: number;
  /** PGlite: start from this `dumpDataDir()` tarball instead of an empty cluster (tests reuse one migrated, seeded copy). */
  loadDataDir?: Blob;
}

/**
 * Bounds of every call to Postgres (an unreachable database answers in about a second, never after the pool's
 * queue has grown for 20 s):
 * - a connection is opened within CONNECT_TIMEOUT_SECONDS (postgres.js `connect_timeout`);
 * - a failed connection is retried after at most 0.5 s (postgres.js `backoff`; its default grows to 20 s, which is
 *   how long LISTEN and the pool took to come back after an outage);
 * - a statement runs at most STATEMENT_TIMEOUT_MS and a transaction idles at most IDLE_IN_TRANSACTION_MS
 *   (server-side `statement_timeout`, `idle_in_transaction_session_timeout`);
 * - a statement waits at most WAIT_FOR_CONNECTION_MS for a free connection, behind at most
 *   MAX_WAITING_FOR_CONNECTION others (postgres.js queues without limit: ConnectionGate below), and not at all while
 *   the last attempt found the database unreachable — so an unreachable database answers within about a second
 *   (the first statements fail at once on a refused or reset connection, or after CONNECT_TIMEOUT_SECONDS).
 */
export const CONNECT_TIMEOUT_SECONDS = 1;
export const STATEMENT_TIMEOUT_MS = 30_000;
export const IDLE_IN_TRANSACTION_MS = 30_000;
export const WAIT_FOR_CONNECTION_MS = 5_000;
export const MAX_WAITING_FOR_CONNECTION = 500;
export const PING_TIMEOUT_MS = 800;
const reconnectDelaySeconds = (retries: number) => Math.min(0.05 * 2 ** retries, 0.5);

/**
 * At most `slots` statements (or transactions) handed to postgres.js at once, one per connection, so none waits in
 * its unbounded queue: the next waits here, at most `waitMs` and behind at most `maxWaiting` others, then fails with
 * DatabaseUnavailableError — before anything was sent. After a failure that says the database is unreachable, and
 * until a statement succeeds, one statement at a time probes the database and every other fails at once (and so do
 * those waiting).
 */
export class ConnectionGate {
  private active = 0;
  private readonly waiters: { grant: () => void; refuse: () => void; timer: NodeJS.Timeout }[] = [];
  private unreachable = false;
  private probing = false;

  constructor(
    private readonly slots: number,
    private readonly waitMs: number,
    private readonly maxWaiting = MAX_WAITING_FOR_CONNECTION,
  ) {}

  /** Statements and transactions running now (for tests and diagnostics). */
  get inFlight(): number {
    return this.active;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const probe = await this.acquire();
    try {
      const result = await work();
      this.unreachable = false;
      return result;
    } catch (error) {
      // (A statement of this one that found every connection busy says nothing about the database itself.)
      const busy = error instanceof DatabaseUnavailableError && error.reason === "busy";
      if (isDatabaseUnavailable(error) && !busy) {
        this.unreachable = true;
        // The ones waiting for a connection would meet the same: they fail now rather than after the wait.
        for (const waiter of this.waiters.splice(0)) waiter.refuse();
      } else if (!busy) this.unreachable = false; // the database answered (with an error of its own)
      throw error;
    } finally {
      if (probe) this.probing = false;
      this.release();
    }
  }

  /** Takes a connection slot; resolves true when this statement is the one probing an unreachable database. */
  private acquire(): Promise<boolean> {
    if (this.unreachable) {
      // One statement at a time finds out whether the database is back; the others fail at once.
      if (this.probing || this.active >= this.slots) return Promise.reject(new DatabaseUnavailableError("The database is unreachable", "unreachable"));
      this.probing = true;
      this.active++;
      return Promise.resolve(true);
    }
    if (this.active < this.slots) {
      this.active++;
      return Promise.resolve(false);
    }
    if (this.waiters.length >= this.maxWaiting) return Promise.reject(new DatabaseUnavailableError(`${this.maxWaiting} statements already wait for a connection`, "busy"));
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve(false);
        },
        refuse: () => {
          clearTimeout(waiter.timer);
          reject(new DatabaseUnavailableError("The database is unreachable", "unreachable"));
        },
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new DatabaseUnavailableError(`No database connection became free within ${this.waitMs} ms`, "busy"));
        }, this.waitMs),
      };
      this.waiters.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next)
      next.grant(); // the slot passes to the next waiter
    else this.active--;
  }
}

const READ_ONLY_STATEMENT = /^\s*select\b/i;

/** How many distinct statement texts are sent as named prepared statements (the rest are sent unnamed). */
export const MAX_PREPARED_STATEMENTS = 500;
/** Longer statement texts are never prepared (they are rare, and each prepared text is kept per connection). */
const MAX_PREPARED_STATEMENT_LENGTH = 8_000;

/**
 * The statement texts sent as named prepared statements. Unnamed, a statement with parameters costs postgres.js two
 * round trips (it describes the statement first, to learn the parameter types) and Postgres a parse and plan each
 * time; prepared, one round trip and a cached plan from the second execution on each connection. postgres.js keeps
 * a connection's prepared statements for its lifetime, so the set of texts is bounded: the first
 * MAX_PREPARED_STATEMENTS distinct texts (drizzle builds the same text for the same query; a list of `n` ids is a
 * text per `n`), every later text unnamed.
 */
class PreparedTexts {
  private readonly texts = new Set<string>();
  prepare(query: string): boolean {
    if (this.texts.has(query)) return true;
    if (this.texts.size >= MAX_PREPARED_STATEMENTS || query.length > MAX_PREPARED_STATEMENT_LENGTH) return false;
    this.texts.add(query);
    return true;
  }
}

/**
 * The postgres.js client as drizzle sees it, with every statement outside a transaction and every transaction
 * passed through the gate, and what may write recorded in `activity`. drizzle calls `unsafe` (awaited, or
 * `.values()`) and `begin`; statements inside a transaction use the transaction's own connection.
 */
function gatedClient(pg: postgres.Sql, gate: ConnectionGate, activity: DatabaseActivity | null, prepared: PreparedTexts): postgres.Sql {
  const unsafe = (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) => {
    const writes = !READ_ONLY_STATEMENT.test(query);
    if (params?.length && prepared.prepare(query)) options = { ...options, prepare: true };
    const send = (values: boolean) =>
      gate.run(async () => {
        // A write outside a transaction commits by itself: once it may have reached the database, so may the change.
        let reached = true;
        try {
          const q = pg.unsafe(query, params as postgres.ParameterOrJSON<never>[], options);
          return values ? await q.values() : await q;
        } catch (error) {
          reached = !neverReachedDatabase(error);
          throw error;
        } finally {
          if (writes && reached && activity) activity.mayHaveWritten = true;
        }
      });
    let sent: Promise<unknown> | undefined;
    const result = () => (sent ??= send(false));
    return {
      values: () => send(true),
      then: (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => result().then(onFulfilled, onRejected),
      catch: (onRejected?: (reason: unknown) => unknown) => result().catch(onRejected),
      finally: (onFinally?: () => void) => result().finally(onFinally),
    };
  };
  const begin = (...args: unknown[]) => {
    const fn = args.pop() as (tx: postgres.TransactionSql) => Promise<unknown>;
    let committing = false;
    return gate.run(async () => {
      try {
        return await pg.begin(
          ...([
            ...args,
            async (tx: postgres.TransactionSql) => {
              const result = await fn(tx);
              committing = true; // postgres.js sends COMMIT next: from here on the outcome may be a commit
              return result;
            },
          ] as [(tx: postgres.TransactionSql) => Promise<unknown>]),
        );
      } finally {
        if (committing && activity) activity.mayHaveWritten = true;
      }
    });
  };
  return new Proxy(pg, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      if (property === "begin") return begin;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/**
 * One drizzle handle per operation, built from the parts of `db` (made by `drizzle()` on the same postgres.js
 * options): its dialect (stateless but for a casing cache), a session over the operation's own gated client, and
 * no relational schema — what `drizzle()` builds, without re-registering the driver's type parsers on the shared
 * postgres.js options, which it does on every call.
 */
function operationHandles(db: Db, client: (activity: DatabaseActivity) => postgres.Sql, logger: DrizzleLogger): (activity: DatabaseActivity) => Db {
  const dialect = (db as unknown as { dialect: PgDialect }).dialect;
  return (activity) => {
    const gated = client(activity);
    const handle = new PostgresJsDatabase(dialect, new PostgresJsSession(gated, dialect, undefined, { logger }), undefined) as unknown as Db & { $client: postgres.Sql };
    handle.$client = gated;
    return handle;
  };
}

/** Rejects when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`${what}: no answer within ${ms} ms`, "unreachable")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  const logger = { logQuery: () => void statements.count++ };
  const timing = new StatementTiming();

  if (options.databaseUrl) {
    const max = options.maxConnections ?? 10;
    const pg = postgresClient(options.databaseUrl, {
      max,
      onnotice: () => {},
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      backoff: reconnectDelaySeconds,
      connection: { statement_timeout: STATEMENT_TIMEOUT_MS, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS },
    });
    const gate = new ConnectionGate(max, options.waitForConnectionMs ?? WAIT_FOR_CONNECTION_MS);
    // Timed below the gate: a statement's duration is the database's, not its wait for a connection.
    const timed = timedPostgres(pg, timing);
    const prepared = new PreparedTexts();
    const db: Db = drizzlePostgres(gatedClient(timed, gate, null, prepared), { logger });
    return {
      kind: "postgres",
      db,
      forOperation: operationHandles(db, (activity) => gatedClient(timed, gate, activity, prepared), logger),
      background: drizzlePostgres(gatedClient(timed, gate, null, prepared)),
      statements,
      timing,
      pg,
      url: options.databaseUrl,
      async migrate(progress = silent()) {
        // Serialize concurrent start-ups (two nodes) with an advisory lock held by a one-connection client.
        const single = postgresClient(options.databaseUrl!, { max: 1, onnotice: () => {} });
        try {
          await single`select pg_advisory_lock(7262001)`;
          await migrateWithProgress(
            progress,
            async () => Number((await single`select count(*)::int as n from drizzle.__drizzle_migrations`)[0].n),
            () => migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_FOLDER }),
          );
        } finally {
          await single.end({ timeout: 5 });
        }
      },
      async ping(timeoutMs = PING_TIMEOUT_MS) {
        await within(
          gate.run(async () => void (await pg`select 1`)),
          timeoutMs,
          "ping",
        );
      },
      async close() {
        await pg.end({ timeout: 5 });
      },
    };
  }

  const dataDir = options.dataDir && options.dataDir !== "memory://" ? options.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { btree_gist }, loadDataDir: options.loadDataDir });
  const timed = timedPglite(client, timing);
  const db: Db = drizzlePglite(timed, { logger });
  return {
    kind: "pglite",
    db,
    forOperation: () => db, // in-process: never unreachable
    background: drizzlePglite(timed),
    statements,
    timing,
    pglite: client,
    async migrate(progress = silent()) {
      await migrateWithProgress(
        progress,
        async () => Number((await client.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0].n),
        () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER }),
      );
    },
    async ping(timeoutMs = PING_TIMEOUT_MS) {
      await within(client.query("select 1"), timeoutMs, "ping");
    },
    async close() {
      await client.close();
    },
  };
}
