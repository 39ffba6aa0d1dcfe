import { openDatabase } from "../../src/db/client";
import { seedDemoData } from "../../src/seed/seed";
import { testPiiCipher } from "./pii";

/**
 * On Postgres (DATABASE_URL set) every test file shares one database: migrate and seed it once here. On the
 * embedded database each test file gets its own in-memory PGlite (see server.ts), migrated and seeded there.
 */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const database = await openDatabase({ databaseUrl: url });
  await database.migrate();
  await seedDemoData(database.db, testPiiCipher());
  await database.close();
}
