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
