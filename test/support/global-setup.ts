import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client";
import { seedDemoData } from "../../src/seed/seed";
import { testPiiCipher } from "./pii";

declare module "vitest" {
  export interface ProvidedContext {
    /** Embedded runs: the path of a migrated, seeded PGlite data directory (a `dumpDataDir` tarball). */
    pgliteSnapshot: string;
  }
}

/**
 * On Postgres (DATABASE_URL set) every test file shares one database: migrate and seed it once here. On the
 * embedded database each test file gets its own in-memory PGlite (see server.ts), started from one copy
 * migrated and seeded here: creating a cluster, migrating and seeding it costs seconds, loading the copy a fraction.
 */
export default async function globalSetup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir: "memory://" });
  await database.migrate();
  await seedDemoData(database.db, testPiiCipher());
  if (url) {
    await database.close();
    return;
  }
  const snapshot = join(tmpdir(), `eor-test-pglite-${process.pid}.tar`);
  await writeFile(snapshot, Buffer.from(await (await database.pglite!.dumpDataDir("none")).arrayBuffer()));
  await database.close();
  project.provide("pgliteSnapshot", snapshot);
  return async () => {
    await rm(snapshot, { force: true });
  };
}
