import "reflect-metadata";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { readdirSync, readFileSync } from "node:fs";
import { PiiCipher } from "../pii/pii-cipher";
import { postgresClient } from "../db/socket";
import { eq, sql, TransactionRollbackError } from "drizzle-orm";
import { ConfigError, loadConfig } from "../config";
import { openDatabase, type Database, type Db } from "../db/client";
import { BinaryCopyRows, copyInto, type BinaryRows, type CopyTarget } from "../db/copy";
import { newId } from "../shared/ids";
import { seedDemoData } from "../seed/seed";
import { employerEntities } from "../modules/employers/employer.table";
import { runCalculationJob } from "../modules/payroll/payroll-calculation.job";
import { RESULT_COPY_TARGETS, type ResultWriteMethod } from "../modules/payroll/payroll-statements.repository";
import { prepareBenchRun } from "./bench-payroll-data";
import { createProgress } from "./progress";

/**
 * npm run bench:payroll [-- --sizes 10000,100000 --runs 3 --writer copy --keep]
 *
 * Calculates and persists payroll runs on Postgres (DATABASE_URL: in a scratch database
 * `<name>_bench_payroll_<pid>` created next to DATABASE_URL's database, migrated and seeded, dropped at the end
 * unless --keep) or, without DATABASE_URL, on the embedded database (PGlite in memory; default size 10,000 only).
 * Each run is a fresh client with that many salaried W-2 engagements on one biweekly schedule (inserted directly,
 * not timed). The timed part is exactly what the queue's worker does for a run that is CALCULATING:
 * `runCalculationJob` — load every input, gross-to-net in memory, then one transaction that writes statements,
 * lines and blockers part by part (the production default — COPY on Postgres, unnest inserts on PGlite — unless --writer says otherwise) and the status change.
 *
 * After each run, the same rows (read back, with new ids and a twin run) are written again with one raw COPY per
 * table into the same tables, in a transaction that is rolled back: the floor for writing those rows with every
 * constraint checked. Prints per run: total, load / compute / persist, rows, raw COPY and persist ÷ raw COPY, peak
 * RSS; per size: the medians and the goals (Postgres: 10,000 ≤ 2 s, 100,000 ≤ 15 s, persist ≤ 1.5× raw COPY),
 * reported, never asserted. Runs of more than 20,000 engagements run once unless --runs is given.
 * `--writer copy,unnest` alternates the result writer's methods run by run (an A/B in one process).
 */
const USAGE = "Usage: npm run bench:payroll -- [--sizes 10000,100000] [--runs 3] [--writer copy|unnest|copy,unnest] [--keep]";
const GOALS_MS: Record<number, number> = { 10_000: 2_000, 100_000: 15_000 };
const RATIO_GOAL = 1.5;
function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({
      options: {
        sizes: { type: "string" },
        runs: { type: "string" },
        writer: { type: "string" },
        keep: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
const values = options();

function databaseUrl(): string | undefined {
  try {
    return loadConfig().databaseUrl;
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
}
const DATABASE_URL = databaseUrl();

const SIZES = (values.sizes ?? (DATABASE_URL ? "10000,100000" : "10000")).split(",").map((s) => {
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 1_000_000) fail("--sizes takes integers 1-1000000, comma-separated");
  return Number(s);
});
if (values.runs !== undefined && (!/^\d+$/.test(values.runs) || Number(values.runs) < 1 || Number(values.runs) > 100)) fail("--runs takes an integer 1-100");
const runsOf = (size: number) => (values.runs !== undefined ? Number(values.runs) : size > 20_000 ? 1 : 3);
// The production default: COPY on Postgres, unnest inserts on PGlite (payroll-statements.repository.ts).
const WRITERS = (values.writer ?? (DATABASE_URL ? "copy" : "unnest")).split(",").map((w) => {
  if (w !== "copy" && w !== "unnest") fail("--writer takes copy, unnest or both, comma-separated");
  return w;
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString("en-US");
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const progress = createProgress({ label: "bench:payroll" });

/** A scratch database (Postgres) or PGlite in memory, migrated and seeded. */
async function openBenchDatabase(): Promise<{ database: Database; describe: string; name?: string; dispose: () => Promise<void> }> {
  if (!DATABASE_URL) {
    const database = await openDatabase({});
    const { rows } = await database.pglite!.query<{ version: string }>("select current_setting('server_version') as version");
    const version = rows[0].version;
    return { database, describe: `embedded PGlite (Postgres ${version}, in memory)`, dispose: () => database.close() };
  }
  const base = new URL(DATABASE_URL);
  // One per process (pid): agents and runs on the same server never share one.
  const scratch = `${base.pathname.slice(1) || "postgres"}_bench_payroll_${process.pid}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  const admin = postgresClient(DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${scratch}"`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${scratch}`;
  const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
  const [{ version }] = await admin<{ version: string }[]>`select current_setting('server_version') as version`;
  return {
    database,
    describe: `Postgres ${version}, scratch database ${scratch}`,
    name: scratch,
    async dispose() {
      await database.close();
      if (!values.keep) await admin.unsafe(`drop database if exists "${scratch}"`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * CPU seconds spent so far by the database server's processes serving `database` (Linux, a local Postgres: the
 * backends' `/proc/<pid>/stat` utime + stime; their titles name the database). A diagnostic beside the wall-clock
 * times, which a busy shared machine moves: how much work each side did. Undefined where it cannot be read.
 */
function databaseCpuSeconds(database: string | undefined): number | undefined {
  if (!database || process.platform !== "linux") return undefined;
  let ticks = 0;
  let found = false;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, "latin1");
      if (!title.startsWith("postgres: ") || !title.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
      found = true;
    } catch {
      // the process ended meanwhile
    }
  }
  return found ? ticks / 100 : undefined; // USER_HZ is 100 on Linux
}

/** An id of the same order as `column`'s but distinct from every generated one (UUIDv7's variant nibble 8–b → c). */
const twinId = (column: string) => `overlay(${column}::text placing 'c' from 20 for 1)`;
const EXPORT_PAGE = 50_000;

/** The rows of `from` (aliased `r`, with an `id`) as binary COPY rows (the writer's format), read in pages of EXPORT_PAGE by id, columns rewritten by `rewrite`. */
async function exportRows(db: Db, target: CopyTarget, from: string, rewrite: Record<string, string>): Promise<BinaryRows> {
  // The writer's format (binary), each value encoded from its text by the target's column types.
  const rows = new BinaryCopyRows();
  const columns = target.columns.map((c, i) => `${rewrite[c] ?? `r.${c}`}::text as c${i}`).join(", ");
  for (let after = "00000000-0000-0000-0000-000000000000"; ;) {
    const result: unknown = await db.execute(sql.raw(`select r.id::text as "key", ${columns} from ${from} and r.id > '${after}' order by r.id limit ${EXPORT_PAGE}`));
    // postgres.js answers with the rows, PGlite with { rows }.
    const page = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string | null>[];
    if (page.length === 0) return rows.take();
    for (const row of page) rows.values(Object.values(row).slice(1), target.types!);
    after = page[page.length - 1].key!;
  }
}

/**
 * The run's rows written again with one raw COPY per table into the same tables, for a twin run (same rows, new
 * ids of the same order), in a transaction rolled back. Reading the rows back is not timed.
 */
async function rawCopy(db: Db, runId: string): Promise<{ ms: number; rows: number }> {
  const twinRun = newId();
  const inRun = `s.payroll_run_id = '${runId}'`;
  const { statements, lines, benefits, blockers } = RESULT_COPY_TARGETS;
  const exported = await db.transaction(async (tx) => ({
    statements: await exportRows(tx, statements, `pay_statements r join pay_statements s on s.id = r.id where ${inRun}`, { id: twinId("r.id"), payroll_run_id: `'${twinRun}'` }),
    lines: await exportRows(tx, lines, `pay_statement_lines r join pay_statements s on s.id = r.pay_statement_id where ${inRun}`, {
      id: twinId("r.id"),
      pay_statement_id: twinId("r.pay_statement_id"),
    }),
    benefits: await exportRows(tx, benefits, `pay_statement_benefits r join pay_statements s on s.id = r.pay_statement_id where ${inRun}`, {
      id: twinId("r.id"),
      pay_statement_id: twinId("r.pay_statement_id"),
    }),
    blockers: await exportRows(tx, blockers, `payroll_run_blockers r join payroll_runs s on s.id = r.payroll_run_id where s.id = '${runId}'`, {
      id: twinId("r.id"),
      payroll_run_id: `'${twinRun}'`,
    }),
  }));
  let measured = { ms: 0, rows: 0 };
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw("set local statement_timeout = 0")); // one COPY of 100,000 engagements' lines may take longer than the app's bound
      await tx.execute(
        sql`insert into payroll_runs (id, client_id, employer_entity_id, pay_period_id, kind, status, currency, pay_date)
            select ${twinRun}, client_id, employer_entity_id, pay_period_id, kind, status, currency, pay_date from payroll_runs where id = ${runId}`,
      );
      const start = performance.now();
      let rows = 0;
      rows += await copyInto(tx, statements, exported.statements);
      rows += await copyInto(tx, lines, exported.lines);
      if (exported.benefits.rows) rows += await copyInto(tx, benefits, exported.benefits);
      if (exported.blockers.rows) rows += await copyInto(tx, blockers, exported.blockers);
      measured = { ms: performance.now() - start, rows };
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return measured;
}

interface RunResult {
  writer: ResultWriteMethod;
  totalMs: number;
  persistMs: number;
  rawMs: number;
}

async function main() {
  progress.step("create, migrate and seed the database");
  const { database, describe, name, dispose } = await openBenchDatabase();
  const postgresServer = database.kind === "postgres";
  try {
    await database.migrate();
    const pii = new PiiCipher(randomBytes(32)); // a scratch database: a throwaway key
    await seedDemoData(database.db, pii);
    const [{ id: usEntityId }] = await database.db.select({ id: employerEntities.id }).from(employerEntities).where(eq(employerEntities.country, "US"));
    progress.done();
    say(
      `bench:payroll — ${describe}, Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    for (const size of SIZES) {
      const runs = runsOf(size);
      const results: RunResult[] = [];
      for (let i = 0; i < runs; i++) {
        const writer = WRITERS[i % WRITERS.length];
        const label = `${count(size)} engagements, run ${i + 1}/${runs} (${writer})`;
        progress.step(`${label}: setup`);
        const { runId } = await prepareBenchRun(database.db, pii, size, usEntityId);
        progress.done();
        global.gc?.();
        progress.step(`${label}: calculate and persist`);
        const dbCpuBefore = databaseCpuSeconds(name);
        const nodeCpuBefore = process.cpuUsage();
        const start = performance.now();
        const outcome = await runCalculationJob(database.db, pii, runId, undefined, writer);
        const totalMs = performance.now() - start;
        const nodeCpu = process.cpuUsage(nodeCpuBefore);
        const dbCpuAfter = databaseCpuSeconds(name);
        const dbCpu = dbCpuBefore !== undefined && dbCpuAfter !== undefined ? ` database ${(dbCpuAfter - dbCpuBefore).toFixed(2)} s,` : "";
        if (outcome.status !== "CALCULATED") throw new Error(`run ended ${outcome.status}`);
        const peakRss = process.resourceUsage().maxRSS * 1024;
        progress.done(seconds(totalMs));
        progress.step(`${label}: raw COPY of the same rows`);
        const raw = await rawCopy(database.db, runId);
        progress.done(seconds(raw.ms));
        const { loadMs, computeMs, persistMs } = outcome.timings;
        results.push({ writer, totalMs, persistMs, rawMs: raw.ms });
        say(
          [
            `${label}: ${seconds(totalMs)} — load ${loadMs} ms, compute ${computeMs} ms, persist ${persistMs} ms`,
            `  ${count(outcome.statements)} statements, ${count(outcome.rowsWritten)} rows written (${count(outcome.blockers)} blockers); raw COPY of the same ${count(raw.rows)} rows ${Math.round(raw.ms)} ms: persist ÷ raw COPY ${(persistMs / raw.ms).toFixed(2)}×`,
            `  CPU:${dbCpu} this process ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(2)} s (load average ${loadavg()[0].toFixed(2)})`,
            `  peak RSS so far ${mb(peakRss)}, heap used now ${mb(process.memoryUsage().heapUsed)}`,
          ].join("\n"),
        );
      }
      for (const writer of WRITERS) {
        const mine = results.filter((r) => r.writer === writer);
        if (mine.length === 0) continue;
        const total = median(mine.map((r) => r.totalMs));
        const ratio = median(mine.map((r) => r.persistMs / r.rawMs));
        const goal = GOALS_MS[size];
        const of = mine.length > 1 ? `median of ${mine.length}` : "1 run";
        const met = (ok: boolean) => (ok ? "met" : "NOT met");
        say(
          `${count(size)} engagements (${writer}), ${of}: total ${seconds(total)}` +
            (goal && postgresServer ? ` (goal ≤ ${goal / 1000} s: ${met(total <= goal)})` : "") +
            `, persist ${seconds(median(mine.map((r) => r.persistMs)))}, raw COPY ${seconds(median(mine.map((r) => r.rawMs)))}, persist ÷ raw COPY ${ratio.toFixed(2)}×` +
            (postgresServer ? ` (goal ≤ ${RATIO_GOAL}×: ${met(ratio <= RATIO_GOAL)})` : " (goals are set for Postgres)"),
        );
      }
    }
  } finally {
    await dispose();
  }
}

main().catch((error) => {
  // Never the bound parameters of a failed statement (drizzle appends them): the statement and the cause.
  const message = error instanceof Error ? error.message.split("\nparams:")[0] : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.message}` : "";
  process.stderr.write(`bench:payroll failed: ${message}${cause}\n`);
  process.exit(1);
});
