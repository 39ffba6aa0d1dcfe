import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { SchedulableStatement } from "../remittances/remittance.scheduler";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { newId } from "../../shared/ids";
import { employeeClassifications } from "../../shared/classification";
import { engagements, compensations } from "../engagements/engagement.table";
import { workers } from "../workers/worker.table";
import { payPeriods, paySchedules } from "../pay-schedules/pay-schedule.table";
import { oneOffEarnings, payrollRunBlockers, payrollRuns, payStatementLines, payStatements, timeEntries } from "./payroll.table";
import {
  CALCULATION_RULES_VERSION,
  type CalcCompensation,
  type CalcEngagement,
  type CalcRun,
  type CalcWorker,
  type CalcYearToDate,
  type CalculationInputs,
  type CalculationResult,
} from "./payroll-statements.compute";
import type { PayrollRunRow } from "./payroll.type";

/** Runs whose statements count towards year-to-date amounts: every run past approval (figures frozen). */
export const YTD_RUN_STATUSES = ["APPROVED", "FUNDED", "PAYING", "PAID", "PARTIALLY_PAID"] as const;

/** Parts (of up to 3 inserts each) a result writer lets be pending before it waits. */
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
  const names = sql.join([...constants, ...columns].map(([name]) => sql.identifier(name)), sql`, `);
  const selected = sql.join([...constants.map(([, type, value]) => sql`${value}::${sql.raw(type)}`), sql.raw("u.*")], sql`, `);
  // An enum array travels as text[] (PGlite cannot encode an array of a type it does not know) and is cast here.
  const arrays = sql.join(
    columns.map(([, type, values, enumType]) => sql`${sql.param(values)}::${sql.raw(type)}[]${enumType ? sql.raw(`::${enumType}[]`) : sql``}`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${selected} from unnest(${arrays}) as u`;
}

const EMPLOYEE_CLASSIFICATIONS = sql.raw(`(${employeeClassifications().map((c) => `'${c}'`).join(", ")})`);

function sumFilter(filter: SQL) {
  return sql<string>`coalesce(sum(${payStatementLines.amount}) filter (where ${filter}), 0)`;
}

function statementHasLine(codes: string[]) {
  return sql`exists (select 1 from ${payStatementLines} c where c.pay_statement_id = ${payStatementLines.payStatementId} and c.code in (${sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  )}))`;
}

/** The compensation rows a period reads: the one in effect on the first active day, and every change after it. */
export function relevantCompensations(rows: readonly CalcCompensation[], engagement: CalcEngagement, period: { startDate: string; endDate: string }): CalcCompensation[] {
  const from = engagement.startDate > period.startDate ? engagement.startDate : period.startDate;
  const sorted = rows.filter((r) => r.effectiveFrom <= period.endDate).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  let firstIndex = 0;
  for (let i = 0; i < sorted.length; i++) if (sorted[i].effectiveFrom <= from) firstIndex = i;
  return sorted.slice(firstIndex);
}

export interface RunForCalculation {
  row: PayrollRunRow;
  run: CalcRun;
  payScheduleId: string | null;
}

/**
 * All SQL of the run calculation: a handful of set-based reads (no query per engagement) and chunked multi-row
 * inserts, so a 100,000-engagement run is a few dozen statements. Every query is scoped by the caller's tenants
 * AND the run's client (the calculator runs as SYSTEM with every tenant; approval with the principal's).
 */
export const payrollCalculationRepository = {
  async runForCalculation(db: Db, scope: TenantScope, runId: string): Promise<RunForCalculation | null> {
    /* payrollCalculation.runForCalculation */
    const [found] = await db
      .select({ run: payrollRuns, period: payPeriods, frequency: paySchedules.frequency })
      .from(payrollRuns)
      .leftJoin(payPeriods, and(eq(payPeriods.id, payrollRuns.payPeriodId), eq(payPeriods.clientId, payrollRuns.clientId)))
      .leftJoin(paySchedules, eq(paySchedules.id, payPeriods.payScheduleId))
      .where(and(tenantFilter(payrollRuns.clientId, scope), eq(payrollRuns.id, runId)));
    if (!found) return null;
    const { run: row, period, frequency } = found;
    return {
      row,
      payScheduleId: period?.payScheduleId ?? null,
      run: {
        id: row.id,
        clientId: row.clientId,
        employerEntityId: row.employerEntityId,
        kind: row.kind,
        currency: row.currency as "USD" | "CAD",
        payDate: row.payDate,
        period: period ? { startDate: period.startDate, endDate: period.endDate } : null,
        frequency: frequency ?? null,
      },
    };
  },

  /**
   * Every input of the calculation, in 6 statements, each list sorted. The engagements paid: those on the run's
   * pay schedule active on at least one day of the period (REGULAR runs), plus any engagement with a one-off
   * earning on the run.
   */
  async loadInputs(db: Db, scope: TenantScope, target: RunForCalculation): Promise<CalculationInputs> {
    const { run, payScheduleId } = target;
    const oneOffEngagements = db.select({ id: oneOffEarnings.engagementId }).from(oneOffEarnings).where(and(eq(oneOffEarnings.clientId, run.clientId), eq(oneOffEarnings.payrollRunId, run.id)));
    const scheduled =
      run.kind === "REGULAR" && run.period && payScheduleId
        ? and(
            eq(engagements.payScheduleId, payScheduleId),
            lte(engagements.startDate, run.period.endDate),
            or(isNull(engagements.endDate), gte(engagements.endDate, run.period.startDate)),
          )
        : undefined;
    const paid = and(
      tenantFilter(engagements.clientId, scope),
      eq(engagements.clientId, run.clientId),
      eq(engagements.employerEntityId, run.employerEntityId),
      scheduled ? or(scheduled, inArray(engagements.id, oneOffEngagements)) : inArray(engagements.id, oneOffEngagements),
    );
    const paidIds = db.select({ id: engagements.id }).from(engagements).where(paid);
    const paidWorkerIds = db.select({ id: engagements.workerId }).from(engagements).where(paid);

    /* payrollCalculation.engagements */
    const engagementRows = await db
      .select({
        id: engagements.id,
        workerId: engagements.workerId,
        workJurisdiction: engagements.workJurisdiction,
        classification: engagements.classification,
        startDate: engagements.startDate,
        endDate: engagements.endDate,
        scheduleFrequency: paySchedules.frequency,
      })
      .from(engagements)
      .leftJoin(paySchedules, eq(paySchedules.id, engagements.payScheduleId))
      .where(paid)
      .orderBy(asc(engagements.id));
    const calcEngagements: CalcEngagement[] = engagementRows.map((e) => ({ ...e, scheduleFrequency: e.scheduleFrequency ?? null }));

    let calcCompensations: CalcCompensation[] = [];
    let calcEntries: CalculationInputs["timeEntries"] = [];
    if (run.kind === "REGULAR" && run.period) {
      const period = run.period;
      /* payrollCalculation.compensations: history up to the period's end, narrowed in memory to what the period reads */
      const compRows = await db
        .select({
          engagementId: compensations.engagementId,
          basis: compensations.basis,
          amount: compensations.amount,
          currency: compensations.currency,
          effectiveFrom: compensations.effectiveFrom,
        })
        .from(compensations)
        .where(and(eq(compensations.clientId, run.clientId), inArray(compensations.engagementId, paidIds), lte(compensations.effectiveFrom, period.endDate)))
        .orderBy(asc(compensations.engagementId), asc(compensations.effectiveFrom));
      const byEngagement = new Map<string, CalcCompensation[]>();
      for (const c of compRows) {
        const list = byEngagement.get(c.engagementId);
        if (list) list.push(c);
        else byEngagement.set(c.engagementId, [c]);
      }
      for (const e of calcEngagements) {
        const rows = byEngagement.get(e.id);
        if (rows) calcCompensations.push(...relevantCompensations(rows, e, period));
      }

      /* payrollCalculation.timeEntries */
      calcEntries = await db
        .select({
          engagementId: timeEntries.engagementId,
          workDate: timeEntries.workDate,
          type: timeEntries.type,
          hundredthsOfHours: timeEntries.hundredthsOfHours,
        })
        .from(timeEntries)
        .where(and(eq(timeEntries.clientId, run.clientId), inArray(timeEntries.engagementId, paidIds), gte(timeEntries.workDate, period.startDate), lte(timeEntries.workDate, period.endDate)))
        .orderBy(asc(timeEntries.engagementId), asc(timeEntries.workDate), asc(timeEntries.type));
    }

    /* payrollCalculation.oneOffEarnings */
    const oneOffs = await db
      .select({ id: oneOffEarnings.id, engagementId: oneOffEarnings.engagementId, kind: oneOffEarnings.kind, amount: oneOffEarnings.amount, currency: oneOffEarnings.currency })
      .from(oneOffEarnings)
      .where(and(eq(oneOffEarnings.clientId, run.clientId), eq(oneOffEarnings.payrollRunId, run.id)))
      .orderBy(asc(oneOffEarnings.id));

    /* payrollCalculation.workers: withholding elections only (never a tax id) */
    const workerRows: CalcWorker[] = await db
      .select({
        id: workers.id,
        w4FilingStatus: workers.w4FilingStatus,
        w4MultipleJobs: workers.w4MultipleJobs,
        w4DependentsAmount: workers.w4DependentsAmount,
        w4OtherIncome: workers.w4OtherIncome,
        w4Deductions: workers.w4Deductions,
        w4ExtraWithholding: workers.w4ExtraWithholding,
        td1FederalClaimAmount: workers.td1FederalClaimAmount,
        td1ProvincialClaimAmount: workers.td1ProvincialClaimAmount,
        cppExempt: workers.cppExempt,
        eiExempt: workers.eiExempt,
      })
      .from(workers)
      .where(and(eq(workers.clientId, run.clientId), inArray(workers.id, paidWorkerIds)))
      .orderBy(asc(workers.id));

    const yearToDate = await this.yearToDate(db, run, paidWorkerIds);
    return {
      rulesVersion: CALCULATION_RULES_VERSION,
      run,
      engagements: calcEngagements,
      compensations: calcCompensations,
      timeEntries: calcEntries,
      oneOffEarnings: oneOffs,
      workers: workerRows,
      yearToDate,
    };
  },

  /**
   * Year-to-date amounts per worker with this employer entity: one grouped query over the statement lines of
   * every other run of the same employer entity, client and calendar year, paid on or before this run's pay date
   * and past approval (`YTD_RUN_STATUSES`).
   */
  async yearToDate(db: Db, run: CalcRun, workerIds: SQLWrapper): Promise<CalcYearToDate[]> {
    const yearStart = `${run.payDate.slice(0, 4)}-01-01`;
    const earning = sql`${payStatementLines.kind} = 'EARNING'`;
    const employee = sql`${engagements.classification} in ${EMPLOYEE_CLASSIFICATIONS}`;
    /* payrollCalculation.yearToDate */
    const rows = await db
      .select({
        workerId: engagements.workerId,
        employeeWages: sumFilter(sql`${earning} and ${employee}`),
        supplementalWages: sumFilter(sql`${payStatementLines.code} = 'EARNING_SUPPLEMENTAL' and ${employee}`),
        pensionableEarnings: sumFilter(sql`${earning} and ${statementHasLine(["CA_CPP_EE", "CA_QPP_EE"])}`),
        cppContributions: sumFilter(sql`${payStatementLines.code} in ('CA_CPP_EE', 'CA_QPP_EE')`),
        cpp2Contributions: sumFilter(sql`${payStatementLines.code} in ('CA_CPP2_EE', 'CA_QPP2_EE')`),
        insurableEarnings: sumFilter(sql`${earning} and ${statementHasLine(["CA_EI_EE"])}`),
        eiPremiums: sumFilter(sql`${payStatementLines.code} = 'CA_EI_EE'`),
        qpipInsurableEarnings: sumFilter(sql`${earning} and ${statementHasLine(["CA_QPIP_EE"])}`),
        qpipPremiums: sumFilter(sql`${payStatementLines.code} = 'CA_QPIP_EE'`),
      })
      .from(payStatementLines)
      .innerJoin(payStatements, and(eq(payStatements.id, payStatementLines.payStatementId), eq(payStatements.clientId, run.clientId)))
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, run.clientId)))
      .innerJoin(engagements, and(eq(engagements.id, payStatements.engagementId), eq(engagements.clientId, run.clientId)))
      .where(
        and(
          eq(payStatementLines.clientId, run.clientId),
          eq(payrollRuns.employerEntityId, run.employerEntityId),
          inArray(payrollRuns.status, [...YTD_RUN_STATUSES]),
          ne(payrollRuns.id, run.id),
          gte(payrollRuns.payDate, yearStart),
          lte(payrollRuns.payDate, run.payDate),
          inArray(engagements.workerId, workerIds),
        ),
      )
      .groupBy(engagements.workerId)
      .orderBy(asc(engagements.workerId));
    // sum(bigint) is numeric (a string on the wire); amounts stay far below 2^53 cents.
    return rows.map((r) => ({
      workerId: r.workerId,
      employeeWages: Number(r.employeeWages),
      supplementalWages: Number(r.supplementalWages),
      pensionableEarnings: Number(r.pensionableEarnings),
      cppContributions: Number(r.cppContributions),
      cpp2Contributions: Number(r.cpp2Contributions),
      insurableEarnings: Number(r.insurableEarnings),
      eiPremiums: Number(r.eiPremiums),
      qpipInsurableEarnings: Number(r.qpipInsurableEarnings),
      qpipPremiums: Number(r.qpipPremiums),
    }));
  },

  /** Locks the run row until the transaction ends and returns its current status (null when it does not exist). */
  async lockRun(db: Db, runId: string): Promise<PayrollRunRow | null> {
    /* payrollCalculation.lockRun */
    const [row] = await db.select().from(payrollRuns).where(eq(payrollRuns.id, runId)).for("update");
    return row ?? null;
  },

  /**
   * Counts an attempt at calculating a CALCULATING run. `updated_at` moves (the attempt count is visible, and
   * recovery measures a run's idleness from it); the version does not (nobody edits a CALCULATING run).
   */
  async countAttempt(db: Db, runId: string): Promise<void> {
    /* payrollCalculation.countAttempt */
    await db
      .update(payrollRuns)
      .set({ calculationAttempts: sql`${payrollRuns.calculationAttempts} + 1`, updatedAt: sql`now()` })
      .where(and(eq(payrollRuns.id, runId), eq(payrollRuns.status, "CALCULATING")));
  },

  /** Deletes the run's statements, lines and blockers (before a new calculation's are written). */
  async deleteResult(db: Db, run: CalcRun): Promise<void> {
    /* payrollCalculation.deleteLines */
    await db
      .delete(payStatementLines)
      .where(
        and(
          eq(payStatementLines.clientId, run.clientId),
          inArray(payStatementLines.payStatementId, db.select({ id: payStatements.id }).from(payStatements).where(eq(payStatements.payrollRunId, run.id))),
        ),
      );
    /* payrollCalculation.deleteStatements */
    await db.delete(payStatements).where(and(eq(payStatements.clientId, run.clientId), eq(payStatements.payrollRunId, run.id)));
    /* payrollCalculation.deleteBlockers */
    await db.delete(payrollRunBlockers).where(and(eq(payrollRunBlockers.clientId, run.clientId), eq(payrollRunBlockers.payrollRunId, run.id)));
  },

  /**
   * Writes a calculation's result part by part inside the caller's transaction. Each part becomes at most three
   * statements (`INSERT … SELECT FROM unnest(array, …)`, one array parameter per column: about 10× faster to
   * send and parse than one parameter per value), sent without waiting for the previous ones — postgres.js
   * pipelines them on the transaction's connection and the server runs them in order, so statements exist
   * before their lines — while the caller computes the next part. At most `MAX_IN_FLIGHT` parts are pending.
   * Ids are UUIDv7 generated in result order: `ORDER BY id` lists statements by engagement, lines in engine order.
   */
  resultWriter(db: Db, run: CalcRun) {
    const pending: Promise<unknown>[] = [];
    let rowsWritten = 0;
    let statements = 0;
    let blockers = 0;
    // One query at a time, in order (each starts when the previous one is done), without making the caller wait:
    // the caller computes the next part meanwhile.
    let last: Promise<unknown> = Promise.resolve();
    const send = (query: SQL) => {
      const result = last.then(() => db.execute(query));
      result.catch(() => undefined); // handled by `finish`; an early failure must not be an unhandled rejection
      last = result;
      pending.push(result);
    };
    return {
      async write(part: CalculationResult): Promise<void> {
        const st = { id: [] as string[], engagementId: [] as string[], currency: [] as string[], gross: [] as number[], net: [] as number[], employeeTaxes: [] as number[], employerTaxes: [] as number[], deductions: [] as number[] };
        const ln = { id: [] as string[], statementId: [] as string[], code: [] as string[], kind: [] as string[], description: [] as string[], amount: [] as number[], currency: [] as string[] };
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
          }
        }
        if (st.id.length > 0) {
          /* payrollCalculation.insertStatements */
          send(
            unnestInsert(payStatements, [["client_id", "uuid", run.clientId], ["payroll_run_id", "uuid", run.id]], [
              ["id", "uuid", st.id],
              ["engagement_id", "uuid", st.engagementId],
              ["currency", "text", st.currency],
              ["gross", "bigint", st.gross],
              ["net", "bigint", st.net],
              ["employee_taxes", "bigint", st.employeeTaxes],
              ["employer_taxes", "bigint", st.employerTaxes],
              ["deductions", "bigint", st.deductions],
            ]),
          );
        }
        if (ln.id.length > 0) {
          /* payrollCalculation.insertLines */
          send(
            unnestInsert(payStatementLines, [["client_id", "uuid", run.clientId]], [
              ["id", "uuid", ln.id],
              ["pay_statement_id", "uuid", ln.statementId],
              ["code", "text", ln.code],
              ["kind", "text", ln.kind, "statement_line_kind"],
              ["description", "text", ln.description],
              ["amount", "bigint", ln.amount],
              ["currency", "text", ln.currency],
            ]),
          );
        }
        if (part.blockers.length > 0) {
          /* payrollCalculation.insertBlockers */
          send(
            unnestInsert(payrollRunBlockers, [["client_id", "uuid", run.clientId], ["payroll_run_id", "uuid", run.id]], [
              ["id", "uuid", part.blockers.map(() => newId())],
              ["engagement_id", "uuid", part.blockers.map((b) => b.engagementId)],
              ["code", "text", part.blockers.map((b) => b.code)],
              ["message", "text", part.blockers.map((b) => b.message)],
            ]),
          );
        }
        rowsWritten += st.id.length + ln.id.length + part.blockers.length;
        statements += st.id.length;
        blockers += part.blockers.length;
        // Back-pressure: wait for the oldest queries once too many are pending.
        while (pending.length > MAX_IN_FLIGHT * 3) await pending.shift();
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
    /* payrollCalculation.calculatingRuns */
    const rows = await db
      .select({ id: payrollRuns.id })
      .from(payrollRuns)
      .where(
        and(
          eq(payrollRuns.status, "CALCULATING"),
          idleSeconds === undefined ? undefined : sql`${payrollRuns.updatedAt} < now() - make_interval(secs => ${idleSeconds})`,
        ),
      )
      .orderBy(asc(payrollRuns.id));
    return rows.map((r) => r.id);
  },

  async blockerCount(db: Db, run: { id: string; clientId: string }): Promise<number> {
    /* payrollCalculation.blockerCount */
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(payrollRunBlockers)
      .where(and(eq(payrollRunBlockers.clientId, run.clientId), eq(payrollRunBlockers.payrollRunId, run.id)));
    return Number(row.n);
  },

  /** The run's statements with their lines and engagement facts, for remittance scheduling (2 statements). */
  async statementsForRemittance(db: Db, run: { id: string; clientId: string }): Promise<SchedulableStatement[]> {
    /* payrollCalculation.statementsForRemittance */
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
    /* payrollCalculation.linesForRemittance */
    const lines = await db
      .select({ id: payStatementLines.id, statementId: payStatementLines.payStatementId, code: payStatementLines.code, kind: payStatementLines.kind, amount: payStatementLines.amount })
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
    return rows.map((r) => ({ ...r, lines: byStatement.get(r.id) ?? [] }));
  },
};

