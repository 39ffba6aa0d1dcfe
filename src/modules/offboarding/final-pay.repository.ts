/** SQL of offboarding: final pays, and the reads that plan them and build the Record of Employment. */
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { compensations } from "../engagements/engagement.table";
import { paySchedules, payPeriods } from "../pay-schedules/pay-schedule.table";
import { payrollRuns, payStatementLines, payStatements } from "../payroll/payroll.table";
import { timeEntries } from "../time-entries/time-entry.table";
import { finalPays } from "./final-pay.table";
import type { CalcFinalPay } from "./final-pay-calculation";

export type FinalPayRow = typeof finalPays.$inferSelect;
export type NewFinalPayRow = typeof finalPays.$inferInsert;

/** Runs whose statements are final (past approval): what a final pay and the ROE count as paid. */
const PAID_RUN_STATUSES = ["APPROVED", "FUNDED", "PAYING", "PAID", "PARTIALLY_PAID"] as const;
/** A final-pay run in one of these no longer pays: the regular run pays the days (and the payout) again. */
export const DEAD_RUN_STATUSES = ["CANCELLED", "FAILED", "REVERSED"] as const;

export const finalPayRepository = {
  async insert(tx: Db, row: NewFinalPayRow): Promise<FinalPayRow> {
    /* finalPays.insert */
    const [inserted] = await tx.insert(finalPays).values(row).returning();
    return inserted;
  },

  async byEngagementIds(db: Db, scope: TenantScope, engagementIds: readonly string[]): Promise<FinalPayRow[]> {
    /* finalPays.byEngagementIds */
    return db
      .select()
      .from(finalPays)
      .where(and(tenantFilter(finalPays.clientId, scope), inArray(finalPays.engagementId, [...engagementIds])));
  },

  async schedule(tx: Db, clientId: string, scheduleId: string) {
    /* finalPays.schedule */
    const [row] = await tx
      .select({
        frequency: paySchedules.frequency,
        firstPeriodStart: paySchedules.firstPeriodStart,
        payDateOffsetDays: paySchedules.payDateOffsetDays,
        country: paySchedules.country,
        payDateAdjustment: paySchedules.payDateAdjustment,
      })
      .from(paySchedules)
      .where(and(eq(paySchedules.clientId, clientId), eq(paySchedules.id, scheduleId)));
    // The pay dates as the schedule generated them: moved off weekends and bank holidays.
    return row ? { ...row, businessDays: { country: row.country, adjustment: row.payDateAdjustment } } : null;
  },

  /** End of the last pay period a REGULAR run past approval paid this engagement for; null when none did. */
  async lastPaidPeriodEnd(tx: Db, clientId: string, engagementId: string): Promise<string | null> {
    /* finalPays.lastPaidPeriodEnd */
    const [row] = await tx
      .select({ endDate: payPeriods.endDate })
      .from(payStatements)
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, clientId)))
      .innerJoin(payPeriods, and(eq(payPeriods.id, payrollRuns.payPeriodId), eq(payPeriods.clientId, clientId)))
      .where(
        and(
          eq(payStatements.clientId, clientId),
          eq(payStatements.engagementId, engagementId),
          eq(payrollRuns.kind, "REGULAR"),
          inArray(payrollRuns.status, [...PAID_RUN_STATUSES]),
        ),
      )
      .orderBy(desc(payPeriods.endDate))
      .limit(1);
    return row?.endDate ?? null;
  },

  /** The compensation in effect on a date (latest `effectiveFrom` on or before it). */
  async compensationOn(tx: Db, clientId: string, engagementId: string, date: string) {
    /* finalPays.compensationOn */
    const [row] = await tx
      .select({ basis: compensations.basis, amount: compensations.amount, currency: compensations.currency })
      .from(compensations)
      .where(and(eq(compensations.clientId, clientId), eq(compensations.engagementId, engagementId), lte(compensations.effectiveFrom, date)))
      .orderBy(desc(compensations.effectiveFrom))
      .limit(1);
    return row ?? null;
  },

  /**
   * The final pays a run's calculation reads (sorted by engagement): for an OFF_CYCLE run the ones it pays; for a
   * REGULAR run those of its engagements whose last days fall in the period — their days are skipped while their
   * final-pay run lives, and the payout is paid with the regular run when it has no (live) final-pay run.
   */
  async forCalculation(
    db: Db,
    run: { id: string; clientId: string; kind: "REGULAR" | "OFF_CYCLE"; period: { startDate: string; endDate: string } | null },
    engagementIds: SQLWrapper,
  ): Promise<CalcFinalPay[]> {
    const select = {
      engagementId: finalPays.engagementId,
      payrollRunId: finalPays.payrollRunId,
      runStatus: payrollRuns.status,
      paysFrom: finalPays.paysFrom,
      paysThrough: finalPays.paysThrough,
      periodStart: finalPays.periodStart,
      periodEnd: finalPays.periodEnd,
      ptoPayout: finalPays.ptoPayout,
    };
    const base = db
      .select(select)
      .from(finalPays)
      .leftJoin(payrollRuns, and(eq(payrollRuns.id, finalPays.payrollRunId), eq(payrollRuns.clientId, finalPays.clientId)));
    if (run.kind === "OFF_CYCLE") {
      /* finalPays.forOffCycleRun */
      const rows = await base.where(and(eq(finalPays.clientId, run.clientId), eq(finalPays.payrollRunId, run.id))).orderBy(asc(finalPays.engagementId));
      return rows.map((r) => ({
        engagementId: r.engagementId,
        mode: "PAY_FINAL" as const,
        paysFrom: r.paysFrom,
        paysThrough: r.paysThrough,
        period: r.periodStart && r.periodEnd ? { startDate: r.periodStart, endDate: r.periodEnd } : null,
        ptoPayout: r.ptoPayout,
      }));
    }
    if (!run.period) return [];
    /* finalPays.forRegularRun */
    const rows = await base
      .where(
        and(
          eq(finalPays.clientId, run.clientId),
          inArray(finalPays.engagementId, engagementIds),
          gte(finalPays.paysThrough, run.period.startDate),
          lte(finalPays.paysThrough, run.period.endDate),
        ),
      )
      .orderBy(asc(finalPays.engagementId));
    return rows.map((r) => {
      const live = r.payrollRunId !== null && r.runStatus !== null && !(DEAD_RUN_STATUSES as readonly string[]).includes(r.runStatus);
      return {
        engagementId: r.engagementId,
        mode: live ? ("SKIP_DAYS" as const) : ("PAYOUT_WITH_REGULAR" as const),
        paysFrom: r.paysFrom,
        paysThrough: r.paysThrough,
        period: r.periodStart && r.periodEnd ? { startDate: r.periodStart, endDate: r.periodEnd } : null,
        ptoPayout: r.ptoPayout,
      };
    });
  },

  /**
   * Per pay statement of the engagements in runs past approval: the run, its period, EI-insurable earnings (EARNING
   * lines of statements with an EI premium, the vacation payout excluded) and the vacation payout.
   */
  async roeStatements(db: Db, scope: TenantScope, engagementIds: readonly string[]) {
    const insurable = sql<string>`coalesce(sum(${payStatementLines.amount}) filter (where ${payStatementLines.kind} = 'EARNING' and ${payStatementLines.code} <> 'EARNING_PTO_PAYOUT' and exists (select 1 from ${payStatementLines} ei where ei.pay_statement_id = ${payStatements.id} and ei.code = 'CA_EI_EE')), 0)`;
    const vacation = sql<string>`coalesce(sum(${payStatementLines.amount}) filter (where ${payStatementLines.code} = 'EARNING_PTO_PAYOUT'), 0)`;
    /* finalPays.roeStatements */
    const rows = await db
      .select({
        engagementId: payStatements.engagementId,
        runId: payrollRuns.id,
        runKind: payrollRuns.kind,
        payDate: payrollRuns.payDate,
        periodStart: payPeriods.startDate,
        periodEnd: payPeriods.endDate,
        insurable,
        vacation,
      })
      .from(payStatements)
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, payStatements.clientId)))
      .leftJoin(payPeriods, and(eq(payPeriods.id, payrollRuns.payPeriodId), eq(payPeriods.clientId, payrollRuns.clientId)))
      .leftJoin(payStatementLines, and(eq(payStatementLines.payStatementId, payStatements.id), eq(payStatementLines.clientId, payStatements.clientId)))
      .where(and(tenantFilter(payStatements.clientId, scope), inArray(payStatements.engagementId, [...engagementIds]), inArray(payrollRuns.status, [...PAID_RUN_STATUSES])))
      .groupBy(payStatements.engagementId, payStatements.id, payrollRuns.id, payPeriods.startDate, payPeriods.endDate)
      .orderBy(asc(payStatements.engagementId), asc(payrollRuns.payDate));
    return rows.map((r) => ({ ...r, insurable: Number(r.insurable), vacation: Number(r.vacation) }));
  },

  /** Recorded hours (hundredths, every type) per engagement and work date. */
  async hoursByDate(db: Db, scope: TenantScope, engagementIds: readonly string[]) {
    /* finalPays.hoursByDate */
    const rows = await db
      .select({ engagementId: timeEntries.engagementId, workDate: timeEntries.workDate, hundredths: sql<string>`sum(${timeEntries.hundredthsOfHours})` })
      .from(timeEntries)
      .where(and(tenantFilter(timeEntries.clientId, scope), inArray(timeEntries.engagementId, [...engagementIds])))
      .groupBy(timeEntries.engagementId, timeEntries.workDate)
      .orderBy(asc(timeEntries.engagementId), asc(timeEntries.workDate));
    return rows.map((r) => ({ ...r, hundredths: Number(r.hundredths) }));
  },

  /** Whether an engagement's compensation in effect on its end date is hourly (for ROE hours), per engagement. */
  async hourlyAtEnd(db: Db, scope: TenantScope, engagements: readonly { id: string; endDate: string }[]): Promise<Set<string>> {
    const hourly = new Set<string>();
    if (engagements.length === 0) return hourly;
    /* finalPays.hourlyAtEnd */
    const rows = await db
      .select({ engagementId: compensations.engagementId, basis: compensations.basis, effectiveFrom: compensations.effectiveFrom })
      .from(compensations)
      .where(
        and(
          tenantFilter(compensations.clientId, scope),
          inArray(
            compensations.engagementId,
            engagements.map((e) => e.id),
          ),
        ),
      )
      .orderBy(asc(compensations.engagementId), asc(compensations.effectiveFrom));
    const ends = new Map(engagements.map((e) => [e.id, e.endDate]));
    const latest = new Map<string, string>();
    for (const r of rows) if (r.effectiveFrom <= (ends.get(r.engagementId) ?? "")) latest.set(r.engagementId, r.basis);
    for (const [id, basis] of latest) if (basis === "HOURLY") hourly.add(id);
    return hourly;
  },
};
