/** SQL of the payroll read side and of run creation: runs, statements, lines, blockers, one-off earnings, run locks. */
import { and, asc, count, eq, exists, gte, inArray, lte, notInArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import { selectPagesPerParent } from "../../db/keyset-per-parent";
import type { PageRequest } from "../../shared/pagination";
import type { PayrollRunStatus } from "./payroll-run.status";
import { oneOffEarnings, payrollRunBlockers, payrollRuns, payStatementLines, payStatements } from "./payroll.table";
import { payPeriods } from "../pay-schedules/pay-schedule.table";
import type { OneOffEarningRow, PayrollRunBlockerRow, PayrollRunRow, PayStatementLineRow, PayStatementRow, RunTotalsRow, YearToDateLineRow } from "./payroll.type";
import { engagements } from "../engagements/engagement.table";
import { YTD_RUN_STATUSES } from "./payroll-inputs.repository";

export interface PayrollRunFilter {
  clientId?: string | null;
  status?: PayrollRunStatus | null;
  payPeriodId?: string | null;
  updatedSince?: Date | null;
}

/** Runs being calculated, reviewed or paid: what they pay must hold still. */
export const IN_FLIGHT = ["CALCULATING", "CALCULATED", "APPROVED", "FUNDED", "PAYING"] as const satisfies readonly PayrollRunStatus[];

/** Runs in these statuses do not block a new REGULAR run for the same period: nothing was or will be paid. */
const CLOSED_WITHOUT_PAYMENT = ["CANCELLED", "FAILED", "REVERSED"] as const;

function runFilterSql(scope: TenantScope, filter: PayrollRunFilter) {
  return and(
    tenantFilter(payrollRuns.clientId, scope),
    filter.clientId ? eq(payrollRuns.clientId, filter.clientId) : undefined,
    filter.status ? eq(payrollRuns.status, filter.status) : undefined,
    filter.payPeriodId ? eq(payrollRuns.payPeriodId, filter.payPeriodId) : undefined,
    filter.updatedSince ? gte(payrollRuns.updatedAt, filter.updatedSince) : undefined,
  );
}

/** All SQL about payroll runs, pay statements and their lines. Every query carries the caller's tenant filter. */
export const payrollRepository = {
  async runsByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<PayrollRunRow[]> {
    /* payrollRuns.findByIds */
    return db
      .select()
      .from(payrollRuns)
      .where(and(tenantFilter(payrollRuns.clientId, scope), inArray(payrollRuns.id, [...ids])));
  },

  async runsPage(db: Db, scope: TenantScope, filter: PayrollRunFilter, request: PageRequest): Promise<PayrollRunRow[]> {
    /* payrollRuns.page */
    const q = keyset(payrollRuns.id, request, runFilterSql(scope, filter));
    return db.select().from(payrollRuns).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async runsCount(db: Db, scope: TenantScope, filter: PayrollRunFilter): Promise<number> {
    /* payrollRuns.count */
    const [row] = await db.select({ n: count() }).from(payrollRuns).where(runFilterSql(scope, filter));
    return row.n;
  },

  /** Sums of the statements of many runs in one aggregate query (a page of runs asking for `totals`). */
  async totalsOfRuns(db: Db, scope: TenantScope, runIds: readonly string[]): Promise<(RunTotalsRow & { runId: string })[]> {
    /* payStatements.totalsOfRuns */
    const rows = await db
      .select({
        runId: payStatements.payrollRunId,
        gross: sql<string>`sum(${payStatements.gross})`,
        net: sql<string>`sum(${payStatements.net})`,
        employeeTaxes: sql<string>`sum(${payStatements.employeeTaxes})`,
        employerTaxes: sql<string>`sum(${payStatements.employerTaxes})`,
        deductions: sql<string>`sum(${payStatements.deductions})`,
        statementCount: count(),
      })
      .from(payStatements)
      .where(and(tenantFilter(payStatements.clientId, scope), inArray(payStatements.payrollRunId, [...runIds])))
      .groupBy(payStatements.payrollRunId);
    // sum(bigint) is numeric (a string on the wire); amounts stay far below 2^53 minor units.
    return rows.map((r) => ({
      runId: r.runId,
      gross: Number(r.gross),
      net: Number(r.net),
      employeeTaxes: Number(r.employeeTaxes),
      employerTaxes: Number(r.employerTaxes),
      deductions: Number(r.deductions),
      statementCount: Number(r.statementCount),
    }));
  },

  async statementsByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<PayStatementRow[]> {
    /* payStatements.findByIds */
    return db
      .select()
      .from(payStatements)
      .where(and(tenantFilter(payStatements.clientId, scope), inArray(payStatements.id, [...ids])));
  },

  async statementsPageOfRuns(db: Db, scope: TenantScope, runIds: readonly string[], request: PageRequest): Promise<PayStatementRow[]> {
    /* payStatements.pageOfRuns: one page of statements for each run, ordered by (run, rank) */
    return selectPagesPerParent(db, payStatements, undefined, payStatements.payrollRunId, payStatements.id, runIds, request, tenantFilter(payStatements.clientId, scope));
  },

  async statementCountsOfRuns(db: Db, scope: TenantScope, runIds: readonly string[]) {
    /* payStatements.countsOfRuns */
    return db
      .select({ parentId: payStatements.payrollRunId, n: count() })
      .from(payStatements)
      .where(and(tenantFilter(payStatements.clientId, scope), inArray(payStatements.payrollRunId, [...runIds])))
      .groupBy(payStatements.payrollRunId);
  },

  async linesOfStatements(db: Db, scope: TenantScope, statementIds: readonly string[]): Promise<PayStatementLineRow[]> {
    /* payStatementLines.ofStatements */
    return db
      .select()
      .from(payStatementLines)
      .where(and(tenantFilter(payStatementLines.clientId, scope), inArray(payStatementLines.payStatementId, [...statementIds])))
      .orderBy(payStatementLines.id);
  },

  /**
   * Year-to-date sums per line code for each statement (`PayStatement.yearToDate`), in one grouped statement: the
   * lines of the worker's statements with the same employer entity and client, of runs past approval
   * (`YTD_RUN_STATUSES`) paid from January 1 of the statement's pay-date year up to and including its pay date, plus
   * the statement itself whatever its run's status (a stub's year-to-date includes the current pay). Ordered by
   * statement and code.
   */
  async yearToDateOfStatements(db: Db, scope: TenantScope, statementIds: readonly string[]): Promise<YearToDateLineRow[]> {
    const self = alias(payStatements, "ytd_self");
    const selfRun = alias(payrollRuns, "ytd_self_run");
    const selfEngagement = alias(engagements, "ytd_self_engagement");
    /* payStatementLines.yearToDateOfStatements */
    const rows = await db
      .select({
        statementId: self.id,
        code: payStatementLines.code,
        kind: payStatementLines.kind,
        currency: payStatementLines.currency,
        amount: sql<string>`sum(${payStatementLines.amount})`,
        taxableWages: sql<string | null>`sum(${payStatementLines.taxableWages})`,
      })
      .from(self)
      .innerJoin(selfRun, and(eq(selfRun.id, self.payrollRunId), eq(selfRun.clientId, self.clientId)))
      .innerJoin(selfEngagement, and(eq(selfEngagement.id, self.engagementId), eq(selfEngagement.clientId, self.clientId)))
      .innerJoin(engagements, and(eq(engagements.workerId, selfEngagement.workerId), eq(engagements.clientId, self.clientId)))
      .innerJoin(payStatements, and(eq(payStatements.engagementId, engagements.id), eq(payStatements.clientId, self.clientId)))
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, self.clientId)))
      .innerJoin(payStatementLines, and(eq(payStatementLines.payStatementId, payStatements.id), eq(payStatementLines.clientId, self.clientId)))
      .where(
        and(
          tenantFilter(self.clientId, scope),
          inArray(self.id, [...statementIds]),
          eq(payrollRuns.employerEntityId, selfRun.employerEntityId),
          or(
            eq(payStatements.id, self.id),
            and(
              inArray(payrollRuns.status, [...YTD_RUN_STATUSES]),
              gte(payrollRuns.payDate, sql`date_trunc('year', ${selfRun.payDate})::date`),
              lte(payrollRuns.payDate, selfRun.payDate),
            ),
          ),
        ),
      )
      .groupBy(self.id, payStatementLines.code, payStatementLines.kind, payStatementLines.currency)
      .orderBy(asc(self.id), asc(payStatementLines.code));
    // sum(bigint) is numeric (a string on the wire); amounts stay far below 2^53 minor units.
    return rows.map((r) => ({ ...r, amount: Number(r.amount), taxableWages: r.taxableWages === null ? null : Number(r.taxableWages) }));
  },

  /**
   * Serializes run creation for one pay period until the transaction ends (two concurrent requests cannot both
   * see "no open run" and both create one).
   */
  async lockPayPeriod(db: Db, payPeriodId: string): Promise<void> {
    /* payrollRuns.lockPayPeriod */
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payroll_runs:${payPeriodId}`}, 0))`);
  },

  async openRegularRunOf(db: Db, payPeriodId: string): Promise<PayrollRunRow | null> {
    /* payrollRuns.openRegularRunOf: the caller has already checked access to the period */
    const [row] = await db
      .select()
      .from(payrollRuns)
      .where(and(eq(payrollRuns.payPeriodId, payPeriodId), eq(payrollRuns.kind, "REGULAR"), notInArray(payrollRuns.status, [...CLOSED_WITHOUT_PAYMENT])))
      .limit(1);
    return row ?? null;
  },

  /**
   * A run of the client in flight (CALCULATING … PAYING) that pays the engagement: it has a statement for it, or it
   * is a REGULAR run of a period of one of these schedules (a calculation under way reads the schedule's
   * engagements). Null when there is none.
   */
  async inFlightRunPaying(
    db: Db,
    scope: TenantScope,
    clientId: string,
    engagementId: string,
    payScheduleIds: readonly string[],
    statuses: readonly PayrollRunStatus[] = IN_FLIGHT,
  ): Promise<Pick<PayrollRunRow, "id" | "status"> | null> {
    /* payrollRuns.inFlightRunPaying */
    const [row] = await db
      .select({ id: payrollRuns.id, status: payrollRuns.status })
      .from(payrollRuns)
      .where(
        and(
          tenantFilter(payrollRuns.clientId, scope),
          eq(payrollRuns.clientId, clientId),
          inArray(payrollRuns.status, [...statuses]),
          or(
            exists(
              db
                .select({ one: sql`1` })
                .from(payStatements)
                .where(and(eq(payStatements.payrollRunId, payrollRuns.id), eq(payStatements.clientId, clientId), eq(payStatements.engagementId, engagementId))),
            ),
            payScheduleIds.length > 0
              ? and(
                  eq(payrollRuns.kind, "REGULAR"),
                  inArray(
                    payrollRuns.payPeriodId,
                    db
                      .select({ id: payPeriods.id })
                      .from(payPeriods)
                      .where(and(eq(payPeriods.clientId, clientId), inArray(payPeriods.payScheduleId, [...payScheduleIds]))),
                  ),
                )
              : undefined,
          ),
        ),
      )
      .limit(1);
    return row ?? null;
  },

  /** A change of the run that is not a status change (a one-off earning added): bump its version and `updatedAt`. */
  async touchRun(db: Db, scope: TenantScope, id: string): Promise<PayrollRunRow> {
    /* payrollRuns.touch */
    const [updated] = await db
      .update(payrollRuns)
      .set({ version: sql`${payrollRuns.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(payrollRuns.clientId, scope), eq(payrollRuns.id, id)))
      .returning();
    return updated;
  },

  async insertRun(db: Db, row: typeof payrollRuns.$inferInsert): Promise<PayrollRunRow> {
    /* payrollRuns.insert */
    const [created] = await db.insert(payrollRuns).values(row).returning();
    return created;
  },

  /**
   * Moves a run from `from` to `to` if it is still in `from` (of two concurrent transitions exactly one matches),
   * bumping its version. Returns the updated row, or null when the status had changed meanwhile.
   */
  async transition(
    db: Db,
    scope: TenantScope,
    runId: string,
    from: PayrollRunStatus,
    to: PayrollRunStatus,
    set: Partial<typeof payrollRuns.$inferInsert> = {},
  ): Promise<PayrollRunRow | null> {
    /* payrollRuns.transition */
    const [row] = await db
      .update(payrollRuns)
      .set({ ...set, status: to, version: sql`${payrollRuns.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(payrollRuns.clientId, scope), eq(payrollRuns.id, runId), eq(payrollRuns.status, from)))
      .returning();
    return row ?? null;
  },

  /**
   * The caller's run, locked until the transaction ends (serializes changes to one run); null when missing or
   * another tenant's. For a request's use cases.
   */
  async lockRunForTenant(db: Db, scope: TenantScope, id: string): Promise<PayrollRunRow | null> {
    /* payrollRuns.lockRunForTenant */
    const [row] = await db
      .select()
      .from(payrollRuns)
      .where(and(tenantFilter(payrollRuns.clientId, scope), eq(payrollRuns.id, id)))
      .for("update");
    return row ?? null;
  },

  /**
   * A run by id, locked until the transaction ends; null when it does not exist. Not scoped by tenant: for the
   * system's own work, which has no principal — the calculation job (a queued run id) and the payment rail (the
   * runs it settles), and a service that checked the tenant already (the sandbox mutations). `skipLocked`: null
   * also when another transaction holds the lock (the rail skips a run another node is working on).
   */
  async lockRunById(db: Db, id: string, options: { skipLocked?: boolean } = {}): Promise<PayrollRunRow | null> {
    /* payrollRuns.lockRunById */
    const q = db.select().from(payrollRuns).where(eq(payrollRuns.id, id));
    const [row] = await (options.skipLocked ? q.for("update", { skipLocked: true }) : q.for("update"));
    return row ?? null;
  },

  async blockersPageOfRuns(db: Db, scope: TenantScope, runIds: readonly string[], request: PageRequest): Promise<PayrollRunBlockerRow[]> {
    /* payrollRunBlockers.pageOfRuns */
    return selectPagesPerParent(
      db,
      payrollRunBlockers,
      undefined,
      payrollRunBlockers.payrollRunId,
      payrollRunBlockers.id,
      runIds,
      request,
      tenantFilter(payrollRunBlockers.clientId, scope),
    );
  },

  async blockerCountsOfRuns(db: Db, scope: TenantScope, runIds: readonly string[]) {
    /* payrollRunBlockers.countsOfRuns */
    return db
      .select({ parentId: payrollRunBlockers.payrollRunId, n: count() })
      .from(payrollRunBlockers)
      .where(and(tenantFilter(payrollRunBlockers.clientId, scope), inArray(payrollRunBlockers.payrollRunId, [...runIds])))
      .groupBy(payrollRunBlockers.payrollRunId);
  },

  async oneOffEarningsPageOfRuns(db: Db, scope: TenantScope, runIds: readonly string[], request: PageRequest): Promise<OneOffEarningRow[]> {
    /* oneOffEarnings.pageOfRuns */
    return selectPagesPerParent(db, oneOffEarnings, undefined, oneOffEarnings.payrollRunId, oneOffEarnings.id, runIds, request, tenantFilter(oneOffEarnings.clientId, scope));
  },

  async oneOffEarningCountsOfRuns(db: Db, scope: TenantScope, runIds: readonly string[]) {
    /* oneOffEarnings.countsOfRuns */
    return db
      .select({ parentId: oneOffEarnings.payrollRunId, n: count() })
      .from(oneOffEarnings)
      .where(and(tenantFilter(oneOffEarnings.clientId, scope), inArray(oneOffEarnings.payrollRunId, [...runIds])))
      .groupBy(oneOffEarnings.payrollRunId);
  },

  async oneOffEarningsByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<OneOffEarningRow[]> {
    /* oneOffEarnings.byIds */
    return db
      .select()
      .from(oneOffEarnings)
      .where(and(tenantFilter(oneOffEarnings.clientId, scope), inArray(oneOffEarnings.id, [...ids])));
  },

  /** Deletes one earning of a run (the caller holds the run's lock); the deleted row, or null when already gone. */
  async deleteOneOffEarning(db: Db, payrollRunId: string, id: string): Promise<OneOffEarningRow | null> {
    /* oneOffEarnings.delete */
    const [deleted] = await db
      .delete(oneOffEarnings)
      .where(and(eq(oneOffEarnings.id, id), eq(oneOffEarnings.payrollRunId, payrollRunId)))
      .returning();
    return deleted ?? null;
  },

  async insertOneOffEarning(db: Db, row: typeof oneOffEarnings.$inferInsert): Promise<OneOffEarningRow> {
    /* oneOffEarnings.insert */
    const [created] = await db.insert(oneOffEarnings).values(row).returning();
    return created;
  },
};
