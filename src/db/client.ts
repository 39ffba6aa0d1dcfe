import { fileURLToPath } from "node:url";
import { mkdirSync } from "node:fs";
import postgres from "postgres";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/**
 * A drizzle database or transaction over either driver: repositories accept this. Typed without the tables:
 * queries name their tables (`db.select().from(workers)`), drizzle's relational API (`db.query.*`) is not used,
 * so src/db depends on no module (only drizzle-kit's entry, src/db/schema.ts, lists them).
 */
export type Db = PgDatabase<PgQueryResultHKT>;

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Counts SQL statements sent through drizzle; the DataLoader tests read it. */
export class StatementCounter {
  count = 0;
}

export interface Database {
  kind: "postgres" | "pglite";
  db: Db;
  statements: StatementCounter;
  /** The postgres.js client (Postgres only): LISTEN/NOTIFY and reserved connections. */
  pg?: postgres.Sql;
  /** The connection URL (Postgres only): for clients with their own driver, such as the job queue. */
  url?: string;
  /** The PGlite instance (embedded only): its in-process LISTEN/NOTIFY. */
  pglite?: PGlite;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string;
  maxConnections?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  const logger = { logQuery: () => void statements.count++ };

  if (options.databaseUrl) {
    const pg = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db: Db = drizzlePostgres(pg, { logger });
    return {
      kind: "postgres",
      db,
      statements,
      pg,
      url: options.databaseUrl,
      async migrate() {
        // Serialize concurrent start-ups (two nodes) with an advisory lock held by a one-connection client.
        const single = postgres(options.databaseUrl!, { max: 1, onnotice: () => {} });
        try {
          await single`select pg_advisory_lock(7262001)`;
          await migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await single.end({ timeout: 5 });
        }
      },
      async ping() {
        await pg`select 1`;
      },
      async close() {
        await pg.end({ timeout: 5 });
      },
    };
  }

  const dataDir = options.dataDir && options.dataDir !== "memory://" ? options.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { btree_gist } });
  const db: Db = drizzlePglite(client, { logger });
  return {
    kind: "pglite",
    db,
    statements,
    pglite: client,
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async ping() {
      await client.query("select 1");
    },
    async close() {
      await client.close();
    },
  };
}
