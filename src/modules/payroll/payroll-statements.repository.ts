/**
 * The calculation's result writer: replaces a run's statements, statement lines and blockers with a new
 * calculation's (one multi-row insert — or COPY — per table and part of 1,000 engagements, so a 100,000-engagement
 * run is a few hundred statements), and the run-row
 * bookkeeping around it (the lock of the writing transaction, attempt counting, the CALCULATING runs recovery
 * looks for). Approval reads the written result back (blocker count, statements for remittances). The inputs
 * digest is written with the status change (payroll-run.transition.ts). Every query is scoped by the run's client.
 */
import { and, asc, eq, getTableName, inArray, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { SchedulableStatement } from "../remittances/remittance.scheduler";
import type { Db } from "../../db/client";
import { newId, newIdBytes } from "../../shared/ids";
import { BinaryCopyRows, canCopy, copyDriverOf, copyInto, uuidToBytes, type CopyTarget } from "../../db/copy";
import { engagements } from "../engagements/engagement.table";
import { payrollRunBlockers, payrollRuns, payStatementLines, payStatements } from "./payroll.table";
import type { CalcRun, CalculationResult } from "./payroll-statements.compute";
import { payStatementBenefits } from "../benefits/benefit.table";

/** Parts (of up to 4 writes each: statements, lines, benefits, blockers) a result writer lets be pending before it waits. */
const MAX_IN_FLIGHT = 4;

/**
 * `INSERT INTO table (columns) SELECT $constant, u.* … FROM unnest($1::type[], $2::type[], …) AS u`: many rows
 * in one statement with one array parameter per varying column and one scalar per constant column (works the
 * same on postgres.js and PGlite).
 */
function unnestInsert(
  table: PgTable,
  constants: [name: string, type: string, value: unknown][],
  columns: [name: string, type: string, values: unknown[], enumType?: string][],
): SQL {
  const names = sql.join(
    [...constants, ...columns].map(([name]) => sql.identifier(name)),
    sql`, `,
  );
  const selected = sql.join([...constants.map(([, type, value]) => sql`${value}::${sql.raw(type)}`), sql.raw("u.*")], sql`, `);
  // An enum array travels as text[] (PGlite cannot encode an array of a type it does not know) and is cast here.
  const arrays = sql.join(
    columns.map(([, type, values, enumType]) => sql`${sql.param(values)}::${sql.raw(type)}[]${enumType ? sql.raw(`::${enumType}[]`) : sql``}`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${selected} from unnest(${arrays}) as u`;
}

/** How a result writer sends rows: `COPY … FROM STDIN` per table (the default), or `INSERT … SELECT FROM unnest(…)` per table and part. */
export type ResultWriteMethod = "copy" | "unnest";

type Send = (write: () => Promise<unknown>) => void;
interface PartCounts {
  statements: number;
  lines: number;
  benefits: number;
  blockers: number;
}

const STATEMENT_COPY: CopyTarget = {
  table: getTableName(payStatements),
  columns: ["id", "client_id", "payroll_run_id", "engagement_id", "currency", "gross", "net", "employee_taxes", "employer_taxes", "deductions"],
  types: ["uuid", "uuid", "uuid", "uuid", "text", "int8", "int8", "int8", "int8", "int8"],
};
const LINE_COPY: CopyTarget = {
  table: getTableName(payStatementLines),
  columns: ["id", "client_id", "pay_statement_id", "code", "kind", "description", "amount", "currency", "hundredths_of_hours", "rate", "taxable_wages"],
  types: ["uuid", "uuid", "uuid", "text", "text", "text", "int8", "text", "int4", "int8", "int8"],
};
const BENEFIT_COPY: CopyTarget = {
  table: getTableName(payStatementBenefits),
  columns: ["id", "client_id", "pay_statement_id", "plan_id", "kind", "employee_amount", "employer_amount"],
  types: ["uuid", "uuid", "uuid", "uuid", "text", "int8", "int8"],
};
const BLOCKER_COPY: CopyTarget = {
  table: getTableName(payrollRunBlockers),
  columns: ["id", "client_id", "payroll_run_id", "engagement_id", "code", "message"],
  types: ["uuid", "uuid", "uuid", "uuid", "text", "text"],
};

/** The tables a result writer fills, with the columns (and their types) of its binary COPY rows in order (the payroll benchmark copies the same rows). */
export const RESULT_COPY_TARGETS = { statements: STATEMENT_COPY, lines: LINE_COPY, benefits: BENEFIT_COPY, blockers: BLOCKER_COPY } as const;

/** Rows encoded for COPY (binary format) and not yet sent, per table. */
interface CopyBatch {
  statements: BinaryCopyRows;
  lines: BinaryCopyRows;
  benefits: BinaryCopyRows;
  blockers: BinaryCopyRows;
  rows: number;
}
const emptyBatch = (): CopyBatch => ({ statements: new BinaryCopyRows(), lines: new BinaryCopyRows(), benefits: new BinaryCopyRows(), blockers: new BinaryCopyRows(), rows: 0 });

/** A part's rows in COPY binary format, appended to `into`, each row's values in its target's column order. */
function encodeCopyPart(run: CalcRun, part: CalculationResult, into: CopyBatch): PartCounts {
  // The client's and run's ids go in most rows: parsed once.
  const clientId = uuidToBytes(run.clientId);
  const runId = uuidToBytes(run.id);
  const counts: PartCounts = { statements: 0, lines: 0, benefits: 0, blockers: 0 };
  const statementId = Buffer.alloc(16); // the statement's id, for its lines and benefits (newIdBytes reuses its buffer)
  for (const s of part.statements) {
    newIdBytes().copy(statementId);
    into.statements
      .row(STATEMENT_COPY.columns.length)
      .uuidBytes(statementId)
      .uuidBytes(clientId)
      .uuidBytes(runId)
      .uuid(s.engagementId)
      .text(s.currency)
      .int8(s.gross)
      .int8(s.net)
      .int8(s.employeeTaxes)
      .int8(s.employerTaxes)
      .int8(s.deductions);
    counts.statements++;
    for (const line of s.lines) {
      into.lines
        .row(LINE_COPY.columns.length)
        .uuidBytes(newIdBytes())
        .uuidBytes(clientId)
        .uuidBytes(statementId)
        .text(line.code)
        .text(line.kind)
        .text(line.description)
        .int8(line.amount)
        .text(s.currency)
        .int4OrNull(line.hundredthsOfHours)
        .int8OrNull(line.rate)
        .int8OrNull(line.taxableWages);
      counts.lines++;
    }
    for (const b of s.benefits ?? []) {
      if (!b.planRef) continue;
      into.benefits
        .row(BENEFIT_COPY.columns.length)
        .uuidBytes(newIdBytes())
        .uuidBytes(clientId)
        .uuidBytes(statementId)
        .uuid(b.planRef)
        .text(b.kind)
        .int8(b.employeeAmount)
        .int8(b.employerAmount);
      counts.benefits++;
    }
  }
  for (const b of part.blockers) {
    into.blockers.row(BLOCKER_COPY.columns.length).uuidBytes(newIdBytes()).uuidBytes(clientId).uuidBytes(runId).uuidOrNull(b.engagementId).text(b.code).text(b.message);
    counts.blockers++;
  }
  into.rows += counts.statements + counts.lines + counts.benefits + counts.blockers;
  return counts;
}

/** Rows a COPY result writer holds encoded and unsent before `write` waits (bounded memory, ~250 bytes a row). */
const COPY_MAX_PENDING_ROWS = 40_000;

/**
 * Statements the first COPY carries at least (unless the run has fewer). A backend plans a foreign key's check
 * once and keeps the plan until the table is next analyzed: planned while `pay_statements` holds a page or two (a
 * new database), it is a sequential scan, and every line of a 10,000-engagement run then scans every statement
 * written before it (measured: 20 s instead of 2). With a thousand statements written first, the check is planned
 * as an index lookup — as for the unnest writer, whose first insert carries a part of 1,000.
 */
const COPY_FIRST_STATEMENTS = 1_000;

/** The COPY writer's two bounds, smaller in tests (so that a few engagements make several COPYs and wait). */
export interface CopyTuning {
  firstStatements?: number;
  maxPendingRows?: number;
}

/**
 * The COPY result writer: parts are encoded as they come and sent by one loop that, each time the database is done
 * with the previous COPYs, sends everything encoded meanwhile — statements, then their lines, benefits and
 * blockers, one COPY per table — so the database never waits for a part boundary and each COPY carries as many rows
 * as the computation produced while the last ones were written. A failed COPY aborts the transaction: the loop
 * stops and `write`/`finish` throw its error.
 */
function copyResultWriter(db: Db, run: CalcRun, tuning: CopyTuning = {}) {
  const firstStatements = tuning.firstStatements ?? COPY_FIRST_STATEMENTS;
  const maxPendingRows = tuning.maxPendingRows ?? COPY_MAX_PENDING_ROWS;
  let pending = emptyBatch();
  let loop: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  let taken: (() => void) | null = null;
  const totals = { rowsWritten: 0, statements: 0, blockers: 0 };
  const rethrow = () => {
    if (failure) throw failure.error;
  };
  async function sendAll(): Promise<void> {
    while (pending.rows > 0) {
      const batch = pending;
      pending = emptyBatch();
      taken?.();
      /* payrollStatements.copyStatements, copyLines, copyBenefits (what the engine applied per plan: BENEFIT_CARRIER remittances read it), copyBlockers */
      if (batch.statements.rows > 0) await copyInto(db, STATEMENT_COPY, batch.statements.take());
      if (batch.lines.rows > 0) await copyInto(db, LINE_COPY, batch.lines.take());
      if (batch.benefits.rows > 0) await copyInto(db, BENEFIT_COPY, batch.benefits.take());
      if (batch.blockers.rows > 0) await copyInto(db, BLOCKER_COPY, batch.blockers.take());
    }
  }
  let finishing = false;
  const start = () => {
    // Before the first 1,000 statements only when it must: at the end, or when too much is pending (a run of
    // blocked engagements writes blockers and no statement; waiting for statements would wait forever).
    if (loop || failure || (!finishing && totals.statements < firstStatements && pending.rows <= maxPendingRows)) return;
    loop = sendAll().then(
      () => {
        loop = null;
      },
      (error: unknown) => {
        failure = { error };
        loop = null;
        taken?.();
      },
    );
  };
  return {
    /**
     * Engagements per part the caller should compute: small, so the loop above is never kept waiting long by a
     * computation, and the COPY in flight is refilled often (the socket's buffer holds a few milliseconds of the
     * database's reading). Measured on a 10,000-engagement run: with 200, each COPY's backend slept 80–275 ms waiting
     * for data while a part was computed; with 25, 10–30 ms.
     */
    partSize: 25,
    async write(part: CalculationResult): Promise<void> {
      rethrow();
      const encoded = encodeCopyPart(run, part, pending);
      totals.rowsWritten += encoded.statements + encoded.lines + encoded.benefits + encoded.blockers;
      totals.statements += encoded.statements;
      totals.blockers += encoded.blockers;
      start();
      // Back-pressure: wait until the loop takes what is pending once too much is.
      while (pending.rows > maxPendingRows && !failure) await new Promise<void>((resolve) => (taken = resolve));
      taken = null;
      rethrow();
    },
    async finish(): Promise<{ rowsWritten: number; statements: number; blockers: number }> {
      finishing = true;
      start();
      while (loop) await loop;
      rethrow();
      return totals;
    },
  };
}

/** A part's rows as one `INSERT … SELECT FROM unnest(…)` per table. */
function encodeUnnestPart(db: Db, run: CalcRun, part: CalculationResult, send: Send): PartCounts {
  const st = {
    id: [] as string[],
    engagementId: [] as string[],
    currency: [] as string[],
    gross: [] as number[],
    net: [] as number[],
    employeeTaxes: [] as number[],
    employerTaxes: [] as number[],
    deductions: [] as number[],
  };
  const ln = {
    id: [] as string[],
    statementId: [] as string[],
    code: [] as string[],
    kind: [] as string[],
    description: [] as string[],
    amount: [] as number[],
    currency: [] as string[],
    hundredthsOfHours: [] as (number | null)[],
    rate: [] as (number | null)[],
    taxableWages: [] as (number | null)[],
  };
  const bn = { id: [] as string[], statementId: [] as string[], planId: [] as string[], kind: [] as string[], employee: [] as number[], employer: [] as number[] };
  for (const s of part.statements) {
    const id = newId();
    st.id.push(id);
    st.engagementId.push(s.engagementId);
    st.currency.push(s.currency);
    st.gross.push(s.gross);
    st.net.push(s.net);
    st.employeeTaxes.push(s.employeeTaxes);
    st.employerTaxes.push(s.employerTaxes);
    st.deductions.push(s.deductions);
    for (const line of s.lines) {
      ln.id.push(newId());
      ln.statementId.push(id);
      ln.code.push(line.code);
      ln.kind.push(line.kind);
      ln.description.push(line.description);
      ln.amount.push(line.amount);
      ln.currency.push(s.currency);
      ln.hundredthsOfHours.push(line.hundredthsOfHours ?? null);
      ln.rate.push(line.rate ?? null);
      ln.taxableWages.push(line.taxableWages ?? null);
    }
    for (const b of s.benefits ?? []) {
      if (!b.planRef) continue;
      bn.id.push(newId());
      bn.statementId.push(id);
      bn.planId.push(b.planRef);
      bn.kind.push(b.kind);
      bn.employee.push(b.employeeAmount);
      bn.employer.push(b.employerAmount);
    }
  }
  if (st.id.length > 0) {
    /* payrollStatements.insertStatements */
    const query = unnestInsert(
      payStatements,
      [
        ["client_id", "uuid", run.clientId],
        ["payroll_run_id", "uuid", run.id],
      ],
      [
        ["id", "uuid", st.id],
        ["engagement_id", "uuid", st.engagementId],
        ["currency", "text", st.currency],
        ["gross", "bigint", st.gross],
        ["net", "bigint", st.net],
        ["employee_taxes", "bigint", st.employeeTaxes],
        ["employer_taxes", "bigint", st.employerTaxes],
        ["deductions", "bigint", st.deductions],
      ],
    );
    send(() => db.execute(query));
  }
  if (ln.id.length > 0) {
    /* payrollStatements.insertLines */
    const query = unnestInsert(
      payStatementLines,
      [["client_id", "uuid", run.clientId]],
      [
        ["id", "uuid", ln.id],
        ["pay_statement_id", "uuid", ln.statementId],
        ["code", "text", ln.code],
        ["kind", "text", ln.kind, "statement_line_kind"],
        ["description", "text", ln.description],
        ["amount", "bigint", ln.amount],
        ["currency", "text", ln.currency],
        ["hundredths_of_hours", "integer", ln.hundredthsOfHours],
        ["rate", "bigint", ln.rate],
        ["taxable_wages", "bigint", ln.taxableWages],
      ],
    );
    send(() => db.execute(query));
  }
  if (bn.id.length > 0) {
    /* payrollStatements.insertBenefits: what the engine applied per plan (BENEFIT_CARRIER remittances read it) */
    const query = unnestInsert(
      payStatementBenefits,
      [["client_id", "uuid", run.clientId]],
      [
        ["id", "uuid", bn.id],
        ["pay_statement_id", "uuid", bn.statementId],
        ["plan_id", "uuid", bn.planId],
        ["kind", "text", bn.kind, "benefit_kind"],
        ["employee_amount", "bigint", bn.employee],
        ["employer_amount", "bigint", bn.employer],
      ],
    );
    send(() => db.execute(query));
  }
  if (part.blockers.length > 0) {
    /* payrollStatements.insertBlockers */
    const query = unnestInsert(
      payrollRunBlockers,
      [
        ["client_id", "uuid", run.clientId],
        ["payroll_run_id", "uuid", run.id],
      ],
      [
        ["id", "uuid", part.blockers.map(() => newId())],
        ["engagement_id", "uuid", part.blockers.map((b) => b.engagementId)],
        ["code", "text", part.blockers.map((b) => b.code)],
        ["message", "text", part.blockers.map((b) => b.message)],
      ],
    );
    send(() => db.execute(query));
  }
  return { statements: st.id.length, lines: ln.id.length, benefits: bn.id.length, blockers: part.blockers.length };
}

export const payrollStatementsRepository = {
  /**
   * Counts an attempt at calculating a CALCULATING run. `updated_at` moves (the attempt count is visible, and
   * recovery measures a run's idleness from it); the version does not (nobody edits a CALCULATING run).
   */
  async countAttempt(db: Db, runId: string): Promise<void> {
    /* payrollStatements.countAttempt */
    await db
      .update(payrollRuns)
      .set({ calculationAttempts: sql`${payrollRuns.calculationAttempts} + 1`, updatedAt: sql`now()` })
      .where(and(eq(payrollRuns.id, runId), eq(payrollRuns.status, "CALCULATING")));
  },

  /**
   * Deletes the run's statements, lines and blockers (before a new calculation's are written); returns the
   * deleted statements (each one leaves a `payStatement.deleted` event).
   */
  async deleteResult(db: Db, run: CalcRun): Promise<{ id: string; engagementId: string }[]> {
    /* payrollStatements.deleteBenefits */
    await db
      .delete(payStatementBenefits)
      .where(
        and(
          eq(payStatementBenefits.clientId, run.clientId),
          inArray(payStatementBenefits.payStatementId, db.select({ id: payStatements.id }).from(payStatements).where(eq(payStatements.payrollRunId, run.id))),
        ),
      );
    /* payrollStatements.deleteLines */
    await db
      .delete(payStatementLines)
      .where(
        and(
          eq(payStatementLines.clientId, run.clientId),
          inArray(payStatementLines.payStatementId, db.select({ id: payStatements.id }).from(payStatements).where(eq(payStatements.payrollRunId, run.id))),
        ),
      );
    /* payrollStatements.deleteStatements */
    const deleted = await db
      .delete(payStatements)
      .where(and(eq(payStatements.clientId, run.clientId), eq(payStatements.payrollRunId, run.id)))
      .returning({ id: payStatements.id, engagementId: payStatements.engagementId });
    /* payrollStatements.deleteBlockers */
    await db.delete(payrollRunBlockers).where(and(eq(payrollRunBlockers.clientId, run.clientId), eq(payrollRunBlockers.payrollRunId, run.id)));
    return deleted;
  },

  /**
   * Writes a calculation's result part by part inside the caller's transaction while the caller computes the next
   * parts, in order (statements exist before their lines), with bounded memory.
   *
   * `copy` (the default on Postgres, in a transaction as the calculation job's): `COPY … FROM STDIN`
   * (PGlite: `FROM '/dev/blob'`) by one loop that sends, per table, every row encoded since its last COPYs
   * (`copyResultWriter`); every constraint is checked as for an INSERT. `unnest`: each table's rows of a part of
   * 1,000 in one `INSERT … SELECT FROM unnest(array, …)` (one array parameter per column), pipelined, at most
   * `MAX_IN_FLIGHT` parts pending. Measured A/B on one machine (docs/BENCHMARKS.md, bench:payroll, 10,000
   * engagements, median of 3, two rounds): COPY 2.58 s and 2.25 s, unnest 3.10 s and 2.39 s — the arrays cost this
   * process their serialization and several copies of every byte, and the database their parsing. (A COPY per part,
   * each waiting for the last, had been slower than unnest: 2.9 s against 2.2 s.) On PGlite `unnest` stays the
   * default: its COPY from a Blob was measured 6.9 s, 34 s and 58 s for three 10,000-engagement runs in a row (each
   * slower than the last) against 4.6 s for unnest.
   * Ids are UUIDv7 generated in result order: `ORDER BY id` lists statements by engagement, lines in engine order.
   */
  resultWriter(db: Db, run: CalcRun, method: ResultWriteMethod = copyDriverOf(db) === "postgres" ? "copy" : "unnest", copyTuning?: CopyTuning) {
    if (method === "copy") {
      if (!canCopy(db)) throw new Error("The COPY result writer needs a transaction");
      return copyResultWriter(db, run, copyTuning);
    }
    const pending: Promise<unknown>[] = [];
    let rowsWritten = 0;
    let statements = 0;
    let blockers = 0;
    let partWrites: Promise<unknown>[] = [];
    const track = (result: Promise<unknown>) => {
      result.catch(() => undefined); // handled by `write`/`finish`; an early failure must not be an unhandled rejection
      partWrites.push(result);
      return result;
    };
    // Each insert is sent at once, pipelined on the transaction's connection — the database runs them in the order
    // sent (statements before their lines) and always has the next one queued, while the caller computes the next
    // part. A failed insert aborts the transaction: every later one fails too, the first error is thrown.
    // drizzle's query is a lazy thenable that runs again on every `then`: made one promise, run once.
    const send: Send = (write) => void track(Promise.resolve().then(write));
    return {
      /** Engagements per part (one insert per table and part): big enough for few statements, small enough to overlap. */
      partSize: 1_000,
      async write(part: CalculationResult): Promise<void> {
        const counts = encodeUnnestPart(db, run, part, send);
        const written = Promise.all(partWrites);
        written.catch(() => undefined);
        pending.push(written);
        partWrites = [];
        rowsWritten += counts.statements + counts.lines + counts.benefits + counts.blockers;
        statements += counts.statements;
        blockers += counts.blockers;
        // Back-pressure: wait for the oldest parts once too many are pending.
        while (pending.length > MAX_IN_FLIGHT) await pending.shift();
      },
      async finish(): Promise<{ rowsWritten: number; statements: number; blockers: number }> {
        await Promise.all(pending.splice(0));
        return { rowsWritten, statements, blockers };
      },
    };
  },

  /**
   * Runs CALCULATING (start-up recovery, every tenant); with `idleSeconds`, only those whose last change or
   * attempt is older than that (no live worker is on them).
   */
  async calculatingRuns(db: Db, idleSeconds?: number): Promise<string[]> {
    /* payrollStatements.calculatingRuns */
    const rows = await db
      .select({ id: payrollRuns.id })
      .from(payrollRuns)
      .where(and(eq(payrollRuns.status, "CALCULATING"), idleSeconds === undefined ? undefined : sql`${payrollRuns.updatedAt} < now() - make_interval(secs => ${idleSeconds})`))
      .orderBy(asc(payrollRuns.id));
    return rows.map((r) => r.id);
  },

  async blockerCount(db: Db, run: { id: string; clientId: string }): Promise<number> {
    /* payrollStatements.blockerCount */
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(payrollRunBlockers)
      .where(and(eq(payrollRunBlockers.clientId, run.clientId), eq(payrollRunBlockers.payrollRunId, run.id)));
    return Number(row.n);
  },

  /** The run's statements with their lines and engagement facts, for remittance scheduling (2 statements). */
  async statementsForRemittance(db: Db, run: { id: string; clientId: string }): Promise<SchedulableStatement[]> {
    /* payrollStatements.statementsForRemittance */
    const rows = await db
      .select({
        id: payStatements.id,
        engagementId: payStatements.engagementId,
        workerId: engagements.workerId,
        classification: engagements.classification,
        workJurisdiction: engagements.workJurisdiction,
        net: payStatements.net,
      })
      .from(payStatements)
      .innerJoin(engagements, and(eq(engagements.id, payStatements.engagementId), eq(engagements.clientId, payStatements.clientId)))
      .where(and(eq(payStatements.clientId, run.clientId), eq(payStatements.payrollRunId, run.id)))
      .orderBy(asc(payStatements.id));
    /* payrollStatements.linesForRemittance */
    const lines = await db
      .select({
        id: payStatementLines.id,
        statementId: payStatementLines.payStatementId,
        code: payStatementLines.code,
        kind: payStatementLines.kind,
        amount: payStatementLines.amount,
      })
      .from(payStatementLines)
      .innerJoin(payStatements, eq(payStatements.id, payStatementLines.payStatementId))
      .where(and(eq(payStatementLines.clientId, run.clientId), eq(payStatements.payrollRunId, run.id)))
      .orderBy(asc(payStatementLines.payStatementId), asc(payStatementLines.id));
    const byStatement = new Map<string, SchedulableStatement["lines"]>();
    for (const l of lines) {
      const list = byStatement.get(l.statementId);
      const line = { id: l.id, code: l.code, kind: l.kind, amount: l.amount };
      if (list) list.push(line);
      else byStatement.set(l.statementId, [line]);
    }
    /* payrollStatements.benefitsForRemittance */
    const benefits = await db
      .select({ statementId: payStatementBenefits.payStatementId, planId: payStatementBenefits.planId, kind: payStatementBenefits.kind })
      .from(payStatementBenefits)
      .innerJoin(payStatements, eq(payStatements.id, payStatementBenefits.payStatementId))
      .where(and(eq(payStatementBenefits.clientId, run.clientId), eq(payStatements.payrollRunId, run.id)))
      .orderBy(asc(payStatementBenefits.payStatementId), asc(payStatementBenefits.planId));
    const benefitsByStatement = new Map<string, { planId: string; kind: string }[]>();
    for (const b of benefits) benefitsByStatement.set(b.statementId, [...(benefitsByStatement.get(b.statementId) ?? []), { planId: b.planId, kind: b.kind }]);
    return rows.map((r) => ({ ...r, lines: byStatement.get(r.id) ?? [], benefits: benefitsByStatement.get(r.id) ?? [] }));
  },
};
