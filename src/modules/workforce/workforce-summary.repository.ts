/**
 * SQL of `workforceSummary`: one statement per section, whatever the number of engagements, runs or remittances
 * (aggregates computed by Postgres; what comes back is bounded by the enums and the caps, never by the data size).
 * Every statement is scoped by the caller's tenants and by the one client asked for.
 */
import { and, asc, count, eq, gte, inArray, isNull, lte, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { engagements } from "../engagements/engagement.table";
import { payPeriods } from "../pay-schedules/pay-schedule.table";
import { payrollRunBlockers, payrollRuns, payStatementLines, payStatements } from "../payroll/payroll.table";
import { remittances } from "../remittances/remittance.table";
import { YTD_RUN_STATUSES } from "../payroll/payroll-inputs.repository";
import type { PayrollRunStatus } from "../payroll/payroll-run.status";

/** The dates every section is computed from (ISO `YYYY-MM-DD`), fixed once by the service. */
export interface SummaryWindow {
  clientId: string;
  asOf: string;
  /** Today (UTC): an engagement ended with `endEngagement` counts as ENDED from the day it was recorded (as `Engagement.status`). */
  today: string;
  /** asOf − 29 and asOf − 89: the first days of the 30- and 90-day windows ending on asOf. */
  from30: string;
  from90: string;
  /** Last day of the upcoming pay dates (asOf + 60) and of the remittances due (asOf + 13). */
  payDatesUntil: string;
  remittancesUntil: string;
  /** First and last day of asOf's calendar year. */
  yearStart: string;
  yearEnd: string;
}

/** Engagements counted per (status on asOf, jurisdiction, classification, model), with hires and terminations. */
export interface EngagementFigureRow {
  status: "PENDING" | "ACTIVE" | "ENDED";
  workJurisdiction: string;
  classification: string;
  employmentModel: string;
  engagements: number;
  hires30: number;
  hires90: number;
  terminations30: number;
  terminations90: number;
}

export interface UpcomingPayDateRow {
  payDate: string;
  payScheduleId: string | null;
  payrollRunId: string | null;
  runStatus: PayrollRunStatus | null;
}

export interface PayrollCostRow {
  month: string;
  currency: string;
  gross: number;
  employerTaxes: number;
  benefits: number;
}

export interface BlockerCountRow {
  code: string;
  count: number;
}

export interface RemittancesDueRow {
  kind: "TAX" | "NET_PAY" | "CONTRACTOR_PAYMENT" | "BENEFIT_CARRIER";
  authority: string;
  currency: string;
  count: number;
  amount: number;
  earliestDueOn: string;
}

/** Runs that will not pay: a pay date whose only runs are these shows no run. */
const NOT_PAYING = ["CANCELLED", "FAILED", "REVERSED"] as const satisfies readonly PayrollRunStatus[];

/**
 * An engagement's status on `asOf`, mirroring `deriveEngagementStatus` (engagement-status.ts) with asOf for today:
 * ENDED when its end date is before asOf, or when it was ended (`endEngagement`) and asOf is today or later;
 * PENDING when it starts after asOf; ACTIVE otherwise. For asOf = today it is exactly `Engagement.status`.
 */
function statusOn(w: SummaryWindow): SQL<"PENDING" | "ACTIVE" | "ENDED"> {
  return sql<"PENDING" | "ACTIVE" | "ENDED">`case
    when ${engagements.endDate} < ${w.asOf}::date or (${engagements.status} = 'ENDED' and ${w.asOf}::date >= ${w.today}::date) then 'ENDED'
    when ${engagements.startDate} > ${w.asOf}::date then 'PENDING'
    else 'ACTIVE' end`;
}

/** `count(*) filter (where …)` as a number. */
function countWhere(condition: SQL): SQL<number> {
  return sql<number>`(count(*) filter (where ${condition}))::int`;
}

export const workforceSummaryRepository = {
  /**
   * Every engagement figure in one grouped statement: at most 3 statuses × 64 jurisdictions × 4 classifications ×
   * 2 models rows (in practice a handful), which the service folds into the headcounts.
   */
  async engagementFigures(db: Db, scope: TenantScope, w: SummaryWindow): Promise<EngagementFigureRow[]> {
    /* workforce.engagementFigures */
    const status = statusOn(w);
    const rows = await db
      .select({
        status,
        workJurisdiction: engagements.workJurisdiction,
        classification: engagements.classification,
        employmentModel: engagements.employmentModel,
        engagements: sql<number>`count(*)::int`,
        hires30: countWhere(sql`${engagements.startDate} between ${w.from30}::date and ${w.asOf}::date`),
        hires90: countWhere(sql`${engagements.startDate} between ${w.from90}::date and ${w.asOf}::date`),
        terminations30: countWhere(sql`${engagements.endDate} between ${w.from30}::date and ${w.asOf}::date`),
        terminations90: countWhere(sql`${engagements.endDate} between ${w.from90}::date and ${w.asOf}::date`),
      })
      .from(engagements)
      .where(and(tenantFilter(engagements.clientId, scope), eq(engagements.clientId, w.clientId)))
      .groupBy(sql`1`, engagements.workJurisdiction, engagements.classification, engagements.employmentModel);
    return rows.map((r) => ({
      ...r,
      engagements: Number(r.engagements),
      hires30: Number(r.hires30),
      hires90: Number(r.hires90),
      terminations30: Number(r.terminations30),
      terminations90: Number(r.terminations90),
    }));
  },

  /**
   * The next pay dates from asOf through `payDatesUntil`, earliest first, at most `limit`: each pay period of the
   * client's schedules with its REGULAR run (the latest one that will pay, else the latest one), plus the off-cycle
   * runs that will pay. One statement (a UNION ALL with the run picked by correlated subqueries).
   */
  async upcomingPayDates(db: Db, scope: TenantScope, w: SummaryWindow, limit: number): Promise<UpcomingPayDateRow[]> {
    /* workforce.upcomingPayDates */
    const periodRun = (column: SQL) => sql`(select ${column} from ${payrollRuns}
      where ${payrollRuns.payPeriodId} = ${payPeriods.id} and ${payrollRuns.clientId} = ${payPeriods.clientId} and ${payrollRuns.kind} = 'REGULAR'
      order by (${payrollRuns.status} in (${sql.join(
        NOT_PAYING.map((s) => sql`${s}`),
        sql`, `,
      )})), ${payrollRuns.createdAt} desc, ${payrollRuns.id} desc limit 1)`;
    const periods = db
      .select({
        payDate: payPeriods.payDate,
        payScheduleId: sql<string | null>`${payPeriods.payScheduleId}`.as("pay_schedule_id"),
        payrollRunId: sql<string | null>`${periodRun(sql`${payrollRuns.id}`)}`.as("payroll_run_id"),
        runStatus: sql<PayrollRunStatus | null>`${periodRun(sql`${payrollRuns.status}::text`)}`.as("run_status"),
      })
      .from(payPeriods)
      .where(and(tenantFilter(payPeriods.clientId, scope), eq(payPeriods.clientId, w.clientId), gte(payPeriods.payDate, w.asOf), lte(payPeriods.payDate, w.payDatesUntil)));
    const offCycle = db
      .select({
        payDate: payrollRuns.payDate,
        payScheduleId: sql<string | null>`null::uuid`.as("pay_schedule_id"),
        payrollRunId: sql<string | null>`${payrollRuns.id}`.as("payroll_run_id"),
        runStatus: sql<PayrollRunStatus | null>`${payrollRuns.status}::text`.as("run_status"),
      })
      .from(payrollRuns)
      .where(
        and(
          tenantFilter(payrollRuns.clientId, scope),
          eq(payrollRuns.clientId, w.clientId),
          or(eq(payrollRuns.kind, "OFF_CYCLE"), isNull(payrollRuns.payPeriodId)),
          notInArray(payrollRuns.status, [...NOT_PAYING]),
          gte(payrollRuns.payDate, w.asOf),
          lte(payrollRuns.payDate, w.payDatesUntil),
        ),
      );
    return unionAll(periods, offCycle)
      .orderBy(asc(sql`1`), asc(sql`payroll_run_id`), asc(sql`pay_schedule_id`))
      .limit(limit);
  },

  /**
   * Gross, employer taxes and employer benefit contributions of the client's statements in runs past approval
   * (`YTD_RUN_STATUSES`), by the month of the run's pay date and currency, for asOf's calendar year. One statement:
   * the benefit lines are summed per statement in a derived table first, so that joining them cannot repeat a
   * statement's gross.
   */
  async payrollCostByMonth(db: Db, scope: TenantScope, w: SummaryWindow): Promise<PayrollCostRow[]> {
    /* workforce.payrollCostByMonth */
    const benefits = db
      .select({ statementId: payStatementLines.payStatementId, amount: sql<string>`sum(${payStatementLines.amount})`.as("benefit_amount") })
      .from(payStatementLines)
      .where(and(tenantFilter(payStatementLines.clientId, scope), eq(payStatementLines.clientId, w.clientId), eq(payStatementLines.kind, "EMPLOYER_CONTRIBUTION")))
      .groupBy(payStatementLines.payStatementId)
      .as("benefits");
    const month = sql<string>`to_char(${payrollRuns.payDate}, 'YYYY-MM')`;
    const rows = await db
      .select({
        month,
        currency: payStatements.currency,
        gross: sql<string>`sum(${payStatements.gross})`,
        employerTaxes: sql<string>`sum(${payStatements.employerTaxes})`,
        benefits: sql<string>`coalesce(sum(${benefits.amount}), 0)`,
      })
      .from(payStatements)
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, payStatements.clientId)))
      .leftJoin(benefits, eq(benefits.statementId, payStatements.id))
      .where(
        and(
          tenantFilter(payStatements.clientId, scope),
          eq(payStatements.clientId, w.clientId),
          inArray(payrollRuns.status, [...YTD_RUN_STATUSES]),
          gte(payrollRuns.payDate, w.yearStart),
          lte(payrollRuns.payDate, w.yearEnd),
        ),
      )
      .groupBy(sql`1`, payStatements.currency)
      .orderBy(asc(sql`1`), asc(payStatements.currency));
    // sum(bigint) is numeric (a string on the wire); amounts stay far below 2^53 minor units.
    return rows.map((r) => ({ month: r.month, currency: r.currency, gross: Number(r.gross), employerTaxes: Number(r.employerTaxes), benefits: Number(r.benefits) }));
  },

  /** Blockers of the client's CALCULATED runs (what keeps them from approval), counted by code. */
  async openBlockersByCode(db: Db, scope: TenantScope, w: SummaryWindow): Promise<BlockerCountRow[]> {
    /* workforce.openBlockersByCode */
    const rows = await db
      .select({ code: payrollRunBlockers.code, count: count() })
      .from(payrollRunBlockers)
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payrollRunBlockers.payrollRunId), eq(payrollRuns.clientId, payrollRunBlockers.clientId)))
      .where(and(tenantFilter(payrollRunBlockers.clientId, scope), eq(payrollRunBlockers.clientId, w.clientId), eq(payrollRuns.status, "CALCULATED")))
      .groupBy(payrollRunBlockers.code)
      .orderBy(asc(payrollRunBlockers.code));
    return rows.map((r) => ({ code: r.code, count: Number(r.count) }));
  },

  /**
   * Remittances not yet confirmed (SCHEDULED, SUBMITTED or FAILED) due from asOf through `remittancesUntil`, by kind,
   * authority (the tax authority code for TAX; the kind for payments to workers and benefit carriers, whose payees are
   * people or plans) and currency; earliest due first, at most `limit` groups.
   */
  async remittancesDue(db: Db, scope: TenantScope, w: SummaryWindow, limit: number): Promise<RemittancesDueRow[]> {
    /* workforce.remittancesDue */
    const authority = sql<string>`case when ${remittances.kind} = 'TAX' then ${remittances.payeeKey} else ${remittances.kind}::text end`;
    const rows = await db
      .select({
        kind: remittances.kind,
        authority,
        currency: remittances.currency,
        count: count(),
        amount: sql<string>`sum(${remittances.amount})`,
        earliestDueOn: sql<string>`min(${remittances.dueOn})::text`,
      })
      .from(remittances)
      .where(
        and(
          tenantFilter(remittances.clientId, scope),
          eq(remittances.clientId, w.clientId),
          ne(remittances.status, "CONFIRMED"),
          gte(remittances.dueOn, w.asOf),
          lte(remittances.dueOn, w.remittancesUntil),
        ),
      )
      .groupBy(remittances.kind, sql`2`, remittances.currency)
      .orderBy(asc(sql`6`), asc(sql`2`), asc(remittances.currency))
      .limit(limit);
    return rows.map((r) => ({ ...r, count: Number(r.count), amount: Number(r.amount) }));
  },
};
