import { afterAll, beforeAll } from "vitest";
import { openDatabase, type Database } from "../../src/db/client";
import { seedDemoData } from "../../src/seed/seed";
import { testPiiCipher } from "./pii";

/**
 * A database for a test file that talks to the database layer directly: this worker's Postgres copy when
 * `DATABASE_URL` is set (migrated and seeded once by global-setup.ts), otherwise a fresh in-memory PGlite, migrated
 * and seeded with the same demo data here. The caller closes it.
 */
export async function openTestDatabase(maxConnections = 3): Promise<Database> {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: "memory://", maxConnections });
  if (database.kind === "pglite") {
    await database.migrate();
    await seedDemoData(database.db, testPiiCipher());
  }
  return database;
}

/**
 * Two pools on `DATABASE_URL` (Postgres), as two server nodes have: opened before the tests of the calling
 * `describe` and closed after them.
 */
export function twoPostgresNodes(maxConnections = 10): { readonly a: Database; readonly b: Database } {
  const nodes = {} as { a: Database; b: Database };
  beforeAll(async () => {
    nodes.a = await openDatabase({ databaseUrl: process.env.DATABASE_URL, maxConnections });
    nodes.b = await openDatabase({ databaseUrl: process.env.DATABASE_URL, maxConnections });
  });
  afterAll(async () => {
    await nodes.a?.close();
    await nodes.b?.close();
  });
  return nodes;
}
