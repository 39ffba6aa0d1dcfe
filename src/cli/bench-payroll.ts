import "reflect-metadata";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { PiiCipher } from "../pii/pii-cipher";
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { ConfigError, loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { seedDemoData } from "../seed/seed";
import { employerEntities } from "../modules/employers/employer.table";
import { runCalculationJob } from "../modules/payroll/payroll-calculation.job";
import { prepareBenchRun } from "./bench-payroll-data";

/**
 * npm run bench:payroll [-- --sizes 10000,100000 --keep]
 *
 * Calculates and persists one payroll run per size on Postgres (DATABASE_URL required): in a scratch database
 * `<name>_bench_payroll_<pid>` created next to DATABASE_URL's database (migrated and seeded, dropped at the end
 * unless --keep), one client per size with that many salaried W-2 engagements on one biweekly schedule, inserted
 * directly in chunks. The timed part is exactly what the queue's worker does for a run that is CALCULATING:
 * `runCalculationJob` — load every input (a handful of set-based queries), gross-to-net in memory, then one
 * transaction that writes statements, lines and blockers in multi-row chunks and the status change.
 * Prints wall time (and its load / compute / persist parts), statements per second, rows written, and the
 * process's peak RSS (resourceUsage().maxRSS) and heap. The goals (≤ 2 s for 10,000, ≤ 20 s for 100,000 on
 * 2 cores) are reported, never asserted.
 */
const USAGE = "Usage: npm run bench:payroll -- [--sizes 10000,100000] [--keep]";
const GOALS_MS: Record<number, number> = { 10_000: 2_000, 100_000: 20_000 };
function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({ options: { sizes: { type: "string", default: "10000,100000" }, keep: { type: "boolean", default: false } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
const values = options();
const SIZES = values.sizes.split(",").map((s) => {
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 1_000_000) fail("--sizes takes integers 1-1000000, comma-separated");
  return Number(s);
});

function databaseUrl(): string {
  try {
    const url = loadConfig().databaseUrl;
    if (!url) fail("DATABASE_URL is required: the benchmark runs on Postgres");
    return url;
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
}
const DATABASE_URL = databaseUrl();

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const base = new URL(DATABASE_URL);
  const scratch = `${base.pathname.slice(1) || "postgres"}_bench_payroll_${process.pid}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  const admin = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${scratch}"`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${scratch}`;
  const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    await database.migrate();
    const pii = new PiiCipher(randomBytes(32)); // a scratch database: a throwaway key
    await seedDemoData(database.db, pii);
    const [{ id: usEntityId }] = await database.db.select({ id: employerEntities.id }).from(employerEntities).where(eq(employerEntities.country, "US"));
    const [{ version }] = await admin<{ version: string }[]>`select current_setting('server_version') as version`;
    say(`bench:payroll — Postgres ${version}, Node ${process.version}, scratch database ${scratch}`);
    for (const size of SIZES) {
      const setupStart = performance.now();
      const { runId } = await prepareBenchRun(database.db, size, usEntityId);
      const setupMs = performance.now() - setupStart;
      global.gc?.();
      const start = performance.now();
      const outcome = await runCalculationJob(database.db, pii, runId);
      const wallMs = performance.now() - start;
      if (outcome.status !== "CALCULATED") throw new Error(`run ended ${outcome.status}`);
      const goal = GOALS_MS[size];
      say(
        [
          `${size.toLocaleString("en-US")} engagements: calculate and persist ${(wallMs / 1000).toFixed(2)} s` +
            (goal ? ` (goal ≤ ${goal / 1000} s: ${wallMs <= goal ? "met" : "NOT met"})` : ""),
          `  load ${outcome.timings.loadMs} ms, compute ${outcome.timings.computeMs} ms, persist ${outcome.timings.persistMs} ms; setup (not timed) ${(setupMs / 1000).toFixed(1)} s`,
          `  ${outcome.statements.toLocaleString("en-US")} statements, ${Math.round(outcome.statements / (wallMs / 1000)).toLocaleString("en-US")} statements/s, ${outcome.rowsWritten.toLocaleString("en-US")} rows written, ${outcome.blockers} blockers`,
          `  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}, heap used now ${mb(process.memoryUsage().heapUsed)}`,
        ].join("\n"),
      );
    }
  } finally {
    await database.close();
    if (!values.keep) await admin.unsafe(`drop database if exists "${scratch}"`);
    await admin.end({ timeout: 5 });
  }
}

main().catch((error) => {
  // Never the bound parameters of a failed statement (drizzle appends them): the statement and the cause.
  const message = error instanceof Error ? error.message.split("\nparams:")[0] : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.message}` : "";
  process.stderr.write(`bench:payroll failed: ${message}${cause}\n`);
  process.exit(1);
});
