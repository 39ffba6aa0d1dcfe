import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client";
import { seedDemoData } from "../../src/seed/seed";
import { testPiiCipher } from "./pii";
import { testWorkerCount, workerDatabaseUrl } from "./worker-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** Embedded runs: the path of a migrated, seeded PGlite data directory (a `dumpDataDir` tarball). */
    pgliteSnapshot: string;
    /** Postgres runs: the migrated, seeded database each worker's copy was made from (see worker-database.ts). */
    templateDatabaseUrl: string;
  }
}

/**
 * On Postgres (DATABASE_URL set) migrate and seed that database once here, then copy it (CREATE DATABASE …
 * TEMPLATE, a file copy) into one database per vitest worker: test files run in parallel, and the files of one
 * worker share its database one after the other, as every file once shared the one database. On the embedded
 * database each test file gets its own in-memory PGlite (see server.ts), started from one copy migrated and
 * seeded here: creating a cluster, migrating and seeding it costs seconds, loading the copy a fraction.
 */
export default async function globalSetup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir: "memory://" });
  await database.migrate();
  await seedDemoData(database.db, testPiiCipher());
  if (url) {
    await database.close();
    const workers = testWorkerCount(project);
    const names = Array.from({ length: workers }, (_, i) => databaseName(workerDatabaseUrl(url, i + 1)));
    await copyDatabase(url, databaseName(url), names);
    project.provide("templateDatabaseUrl", url);
    return async () => {
      await dropDatabases(url, names);
    };
  }
  const snapshot = join(tmpdir(), `eor-test-pglite-${process.pid}.tar`);
  await writeFile(snapshot, Buffer.from(await (await database.pglite!.dumpDataDir("none")).arrayBuffer()));
  await database.close();
  project.provide("pgliteSnapshot", snapshot);
  return async () => {
    await rm(snapshot, { force: true });
  };
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** A connection to the server's maintenance database (CREATE and DROP DATABASE cannot run in the database itself). */
function maintenance(url: string) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  return postgres(admin.toString(), { max: 1, onnotice: () => {}, connect_timeout: 10 });
}

async function copyDatabase(url: string, template: string, names: string[]): Promise<void> {
  const sql = maintenance(url);
  try {
    for (const name of names) {
      await sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`;
      // The template's own connections end asynchronously after close(): retry while Postgres still sees them.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await sql`CREATE DATABASE ${sql(name)} TEMPLATE ${sql(template)}`;
          break;
        } catch (error) {
          if (attempt >= 50 || (error as { code?: string }).code !== "55006") throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function dropDatabases(url: string, names: string[]): Promise<void> {
  const sql = maintenance(url);
  try {
    for (const name of names) await sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
