import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { testPiiCipher } from "../support/pii";
import type { Database, Db } from "../../src/db/client";
import { openTestDatabase } from "../support/database";
import { BinaryCopyRows, copyInto, canCopy } from "../../src/db/copy";
import { newId } from "../../src/shared/ids";
import { employerEntities } from "../../src/modules/employers/employer.table";
import { payrollRunBlockers, payrollRuns, payStatementLines, payStatements } from "../../src/modules/payroll/payroll.table";
import { payrollInputsRepository } from "../../src/modules/payroll/payroll-inputs.repository";
import { payrollStatementsRepository, RESULT_COPY_TARGETS, type CopyTuning, type ResultWriteMethod } from "../../src/modules/payroll/payroll-statements.repository";
import { computeRunStatementsInParts, type CalculationResult } from "../../src/modules/payroll/payroll-statements.compute";
import { prepareBenchRun } from "../../src/cli/bench-payroll-data";

/**
 * The result writer's two methods (COPY, the default; unnest inserts) on a real database (the shared Postgres with
 * DATABASE_URL, else an in-memory PGlite): the same computed result written by each reads back identical, and equal
 * to what was computed — texts with characters COPY must escape included — and a COPY that breaks a constraint
 * fails (it does not hang, nor pass).
 */
let database: Database;
let db: Db;
let usEntityId: string;

/** Characters COPY's text format must escape, NULL's spelling, the end-of-data marker, and non-ASCII text. */
const HOSTILE = ["tab\there", "new\nline", "crlf\r\nend", "back\\slash\\", "\\N", "\\.", "", "Überstunden — 日本語 🧾 ‫RTL‬ 'q' \"dq\""];

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  [{ id: usEntityId }] = await db.select({ id: employerEntities.id }).from(employerEntities).where(eq(employerEntities.country, "US"));
});
afterAll(() => database.close());

async function rowsOf(runId: string) {
  const statements = await db
    .select({
      id: payStatements.id,
      engagementId: payStatements.engagementId,
      currency: payStatements.currency,
      gross: payStatements.gross,
      net: payStatements.net,
      employeeTaxes: payStatements.employeeTaxes,
      employerTaxes: payStatements.employerTaxes,
      deductions: payStatements.deductions,
    })
    .from(payStatements)
    .where(eq(payStatements.payrollRunId, runId))
    .orderBy(asc(payStatements.id));
  const lines = await db
    .select({
      engagementId: payStatements.engagementId,
      code: payStatementLines.code,
      kind: payStatementLines.kind,
      description: payStatementLines.description,
      amount: payStatementLines.amount,
      currency: payStatementLines.currency,
      hundredthsOfHours: payStatementLines.hundredthsOfHours,
      rate: payStatementLines.rate,
      taxableWages: payStatementLines.taxableWages,
    })
    .from(payStatementLines)
    .innerJoin(payStatements, eq(payStatements.id, payStatementLines.payStatementId))
    .where(eq(payStatements.payrollRunId, runId))
    .orderBy(asc(payStatementLines.id));
  const blockers = await db
    .select({ engagementId: payrollRunBlockers.engagementId, code: payrollRunBlockers.code, message: payrollRunBlockers.message })
    .from(payrollRunBlockers)
    .where(eq(payrollRunBlockers.payrollRunId, runId))
    .orderBy(asc(payrollRunBlockers.id));
  return { statements: statements.map(({ id: _id, ...rest }) => rest), lines, blockers };
}

describe("the payroll result writer", () => {
  it("writes the same rows with COPY as with unnest inserts, equal to the computed result, escaped texts included", async () => {
    // Not onboarded: every engagement carries blockers, written too.
    const { runId, clientId } = await prepareBenchRun(db, testPiiCipher(), 23, usEntityId, { onboarded: false });
    const [run] = await db.select().from(payrollRuns).where(eq(payrollRuns.id, runId));
    const twinId = newId();
    await db.insert(payrollRuns).values({ ...run, id: twinId });
    const streamedId = newId();
    await db.insert(payrollRuns).values({ ...run, id: streamedId });
    const crowdedId = newId();
    await db.insert(payrollRuns).values({ ...run, id: crowdedId });
    const target = (await payrollInputsRepository.runForCalculation(db, { all: true }, runId))!;
    const inputs = await payrollInputsRepository.readInputs(db, { all: true }, target, testPiiCipher());
    const parts: CalculationResult[] = [...computeRunStatementsInParts(inputs, 10)];
    expect(parts.length).toBe(3); // several parts: several COPYs per table, in order
    // Engine texts are plain; the writer must still carry any text exactly.
    const lines = parts.flatMap((p) => p.statements.flatMap((s) => s.lines));
    HOSTILE.forEach((text, i) => (lines[i * 7].description = text));
    expect(parts[0].blockers.length).toBeGreaterThan(0);
    parts[0].blockers[0].message = HOSTILE.join("|");

    expect(canCopy(db)).toBe(database.kind === "pglite"); // COPY needs the transaction's connection on Postgres…
    const write = async (method: ResultWriteMethod, id: string, copyTuning?: CopyTuning) =>
      db.transaction(async (tx) => {
        if (database.kind === "postgres") expect(canCopy(tx)).toBe(true); // …which a transaction has
        const writer = payrollStatementsRepository.resultWriter(tx, { ...target.run, id }, method, copyTuning);
        for (const part of parts) await writer.write(part);
        return writer.finish();
      });
    const byCopy = await write("copy", runId);
    const byUnnest = await write("unnest", twinId);
    // COPY started after the first part (5 statements) and sent while later parts come, each write waiting for the
    // loop to take what is pending (more than 30 rows after every part).
    const streamed = await write("copy", streamedId, { firstStatements: 5, maxPendingRows: 30 });
    expect(byCopy).toEqual(byUnnest);
    expect(streamed).toEqual(byUnnest);
    expect(byCopy.statements).toBe(23);
    expect(await rowsOf(streamedId)).toEqual(await rowsOf(twinId));
    // Fewer statements than the first COPY waits for, but more rows pending than allowed: sent anyway, no wait forever.
    expect(await write("copy", crowdedId, { firstStatements: 1_000_000, maxPendingRows: 30 })).toEqual(byUnnest);
    expect(await rowsOf(crowdedId)).toEqual(await rowsOf(twinId));

    const copied = await rowsOf(runId);
    expect(copied).toEqual(await rowsOf(twinId));
    const computed = parts.flatMap((p) => p.statements);
    expect(copied.statements).toEqual(
      computed.map((s) => ({
        engagementId: s.engagementId,
        currency: s.currency,
        gross: s.gross,
        net: s.net,
        employeeTaxes: s.employeeTaxes,
        employerTaxes: s.employerTaxes,
        deductions: s.deductions,
      })),
    );
    expect(copied.lines).toEqual(
      computed.flatMap((s) =>
        s.lines.map((l) => ({
          engagementId: s.engagementId,
          code: l.code,
          kind: l.kind,
          description: l.description,
          amount: l.amount,
          currency: s.currency,
          hundredthsOfHours: l.hundredthsOfHours ?? null,
          rate: l.rate ?? null,
          taxableWages: l.taxableWages ?? null,
        })),
      ),
    );
    expect(copied.lines.filter((_, i) => i % 7 === 0 && i / 7 < HOSTILE.length).map((l) => l.description)).toEqual(HOSTILE);
    expect(copied.blockers).toEqual(parts.flatMap((p) => p.blockers.map((b) => ({ engagementId: b.engagementId, code: b.code, message: b.message }))));
    expect(copied.blockers[0].message).toBe(HOSTILE.join("|"));
    // Leave nothing CALCULATING behind on the shared database.
    await db.update(payrollRuns).set({ status: "CANCELLED" }).where(eq(payrollRuns.clientId, clientId));
  });

  it("fails with the first failed write's error when a later part breaks a constraint (writes pipelined), and leaves nothing", async () => {
    // Not onboarded: a ready-to-pay bench client would add SUI rates to the shared database's employer entity.
    const { runId, clientId } = await prepareBenchRun(db, testPiiCipher(), 12, usEntityId, { onboarded: false });
    const target = (await payrollInputsRepository.runForCalculation(db, { all: true }, runId))!;
    const inputs = await payrollInputsRepository.readInputs(db, { all: true }, target, testPiiCipher());
    const parts: CalculationResult[] = [...computeRunStatementsInParts(inputs, 4)];
    expect(parts.length).toBe(3);
    // The second part repeats the first part's first engagement: its statement breaks (run, engagement) uniqueness.
    const broken = [parts[0], { ...parts[1], statements: [...parts[1].statements, parts[0].statements[0]] }, parts[2]];
    for (const [method, copyTuning] of [["unnest"], ["copy"], ["copy", { firstStatements: 1, maxPendingRows: 1 }]] as const) {
      const attempt = db.transaction(async (tx) => {
        const writer = payrollStatementsRepository.resultWriter(tx, target.run, method, copyTuning);
        for (const part of broken) await writer.write(part);
        return writer.finish();
      });
      const error = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      // The database's error: wrapped by drizzle (inserts) or as the driver threw it (COPY).
      const cause = (error as { cause?: unknown }).cause ?? error;
      expect(cause).toMatchObject({ code: "23505", message: expect.stringContaining("pay_statements_run_engagement_key") });
      expect(await db.select().from(payStatements).where(eq(payStatements.payrollRunId, runId))).toEqual([]);
    }
    await db.update(payrollRuns).set({ status: "CANCELLED" }).where(eq(payrollRuns.clientId, clientId));
  });

  it("round-trips uuids, hostile texts, bigints, integers and NULLs exactly through a binary COPY", async () => {
    const texts = [...HOSTILE, null];
    const ids = texts.map((_, n) => (n % 3 === 2 ? null : newId()));
    const bigints = texts.map((_, n) => [0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 4_294_967_296, -4_294_967_297, 123_456_789_012, null][n % 8]);
    const back = await db.transaction(async (tx) => {
      await tx.execute(sql`create temp table copy_binary_probe (n integer, id uuid, t text, b bigint) on commit drop`);
      const rows = new BinaryCopyRows();
      texts.forEach((t, n) => {
        rows.row(4).int4(n).uuidOrNull(ids[n]);
        if (t === null) rows.null();
        else rows.text(t);
        rows.int8OrNull(bigints[n]);
      });
      expect(await copyInto(tx, { table: "copy_binary_probe", columns: ["n", "id", "t", "b"] }, rows.take())).toBe(texts.length);
      return tx.execute(sql`select n, id::text as id, t, b::text as b from copy_binary_probe order by n`);
    });
    const rows = (Array.isArray(back) ? back : (back as { rows: unknown[] }).rows) as { n: number; id: string | null; t: string | null; b: string | null }[];
    expect(rows).toEqual(texts.map((t, n) => ({ n, id: ids[n], t, b: bigints[n] === null ? null : String(bigints[n]) })));
  });

  it("fails a COPY whose rows break a foreign key, with the database's error, and writes nothing", async () => {
    const [{ clientId }] = await db.select({ clientId: payrollRuns.clientId }).from(payrollRuns).limit(1);
    const orphan = newId();
    const row = new BinaryCopyRows().values(
      [newId(), clientId, orphan, "US_FIT", "EMPLOYEE_TAX", "Federal income tax", 100, "USD", null, null, null],
      RESULT_COPY_TARGETS.lines.types!,
    );
    await expect(db.transaction((tx) => copyInto(tx, RESULT_COPY_TARGETS.lines, row.take()))).rejects.toMatchObject({ code: "23503" });
    expect(await db.select().from(payStatementLines).where(eq(payStatementLines.payStatementId, orphan))).toEqual([]);
  });
});
