/**
 * All SQL of the filings: sums over the statement lines of an employer entity's runs past approval, by pay date.
 * Every statement is scoped by tenant (`tenantFilter` on the lines' client) and, when asked, by one client.
 * Reads only; one statement per method, whatever the number of workers.
 */
import { and, asc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { employeeClassifications } from "../../shared/classification";
import { engagements } from "../engagements/engagement.table";
import { payPeriods } from "../pay-schedules/pay-schedule.table";
import { payrollRuns, payStatementLines, payStatements } from "../payroll/payroll.table";
import { YTD_RUN_STATUSES } from "../payroll/payroll-inputs.repository";
import { remittances } from "../remittances/remittance.table";
import type { LedgerRow, MonthLineSum } from "./filing-ledger";

/**
 * Runs whose statements are filed: every run past approval (figures frozen), the same set the engine's
 * year-to-date reads. CANCELLED, FAILED and REVERSED runs are not filed.
 */
export const FILED_RUN_STATUSES = YTD_RUN_STATUSES;

/** Filings report employees (W-2, T4/RL-1, 941, PD7A): contractors' payments are not wages. */
const EMPLOYEE_CLASSIFICATIONS = employeeClassifications();

export interface FilingScope {
  tenants: TenantScope;
  employerEntityId: string;
  /** Only this client's statements (a client's share of the entity's filing); undefined: every client. */
  clientId?: string;
  /** Only this worker's statements. */
  workerId?: string;
}

/** Statements of the scope's filed runs, paid between `from` and `to` (inclusive). */
/**
 * The filed employee statements of the scope: runs of the employer entity past approval, within the caller's
 * tenants, narrowed to the client and worker the scope names. Every filing query starts from it.
 */
function filedEmployeeStatements(scope: FilingScope): SQL {
  return and(
    tenantFilter(payStatements.clientId, scope.tenants),
    eq(payrollRuns.employerEntityId, scope.employerEntityId),
    inArray(payrollRuns.status, [...FILED_RUN_STATUSES]),
    inArray(engagements.classification, EMPLOYEE_CLASSIFICATIONS),
    scope.clientId ? eq(payStatements.clientId, scope.clientId) : undefined,
    scope.workerId ? eq(engagements.workerId, scope.workerId) : undefined,
  )!;
}

/** `filedEmployeeStatements` paid from `from` to `to` (inclusive). */
function filedStatements(scope: FilingScope, from: string, to: string): SQL {
  return and(filedEmployeeStatements(scope), gte(payrollRuns.payDate, from), lte(payrollRuns.payDate, to))!;
}

/** `exists` a line with one of `codes` on the same statement. */
function statementHas(codes: readonly string[]): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${payStatementLines} other where other.pay_statement_id = ${payStatementLines.payStatementId} and other.code in (${sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  )}))`;
}

export const filingsRepository = {
  /**
   * The ledger (filing-ledger.ts): Σ of line amounts per worker, work jurisdiction, code and statement flags, paid
   * from `yearStart` to `to`; `before` = paid before `from`, `inPeriod` = paid from `from`.
   */
  async ledger(db: Db, scope: FilingScope, period: { yearStart: string; from: string; to: string }): Promise<LedgerRow[]> {
    const before = sql`${payrollRuns.payDate} < ${period.from}`;
    /* filings.ledger */
    const rows = await db
      .select({
        workerId: engagements.workerId,
        jurisdiction: engagements.workJurisdiction,
        code: payStatementLines.code,
        kind: payStatementLines.kind,
        pensionable: statementHas(["CA_CPP_EE", "CA_QPP_EE"]),
        insurable: statementHas(["CA_EI_EE"]),
        qpip: statementHas(["CA_QPIP_EE"]),
        before: sql<string>`coalesce(sum(${payStatementLines.amount}) filter (where ${before}), 0)`,
        inPeriod: sql<string>`coalesce(sum(${payStatementLines.amount}) filter (where not (${before})), 0)`,
        taxableComplete: sql<boolean>`count(${payStatementLines.taxableWages}) = count(*)`,
        taxableBefore: sql<string>`coalesce(sum(${payStatementLines.taxableWages}) filter (where ${before}), 0)`,
        taxableInPeriod: sql<string>`coalesce(sum(${payStatementLines.taxableWages}) filter (where not (${before})), 0)`,
      })
      .from(payStatementLines)
      .innerJoin(payStatements, and(eq(payStatements.id, payStatementLines.payStatementId), eq(payStatements.clientId, payStatementLines.clientId)))
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, payStatements.clientId)))
      .innerJoin(engagements, and(eq(engagements.id, payStatements.engagementId), eq(engagements.clientId, payStatements.clientId)))
      .where(filedStatements(scope, period.yearStart, period.to))
      .groupBy(sql`1, 2, 3, 4, 5, 6, 7`)
      .orderBy(asc(engagements.workerId), asc(engagements.workJurisdiction), asc(payStatementLines.code));
    // sum(bigint) is numeric (a string on the wire); amounts stay far below 2^53 cents.
    return rows.map(({ taxableComplete, taxableBefore, taxableInPeriod, ...r }): LedgerRow => ({
      ...r,
      pensionable: Boolean(r.pensionable),
      insurable: Boolean(r.insurable),
      qpip: Boolean(r.qpip),
      before: Number(r.before),
      inPeriod: Number(r.inPeriod),
      // The lines' stored taxable wage base, when every line of the group carries one (lines written before the
      // column existed carry none: then every form derives the base from earnings).
      taxable: taxableComplete ? { before: Number(taxableBefore), inPeriod: Number(taxableInPeriod) } : null,
    }));
  },

  /**
   * Form 941 line 1: employees (distinct workers with an employee statement) of the scope's filed REGULAR runs whose
   * pay period includes `day`. Off-cycle runs without a pay period are not counted (they pay no pay period).
   */
  async employeesPaidForPeriodIncluding(db: Db, scope: FilingScope, day: string): Promise<number> {
    /* filings.employeesPaidForPeriodIncluding */
    const [row] = await db
      .select({ count: sql<string>`count(distinct ${engagements.workerId})` })
      .from(payStatements)
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, payStatements.clientId)))
      .innerJoin(payPeriods, and(eq(payPeriods.id, payrollRuns.payPeriodId), eq(payPeriods.clientId, payrollRuns.clientId)))
      .innerJoin(engagements, and(eq(engagements.id, payStatements.engagementId), eq(engagements.clientId, payStatements.clientId)))
      .where(and(filedEmployeeStatements(scope), lte(payPeriods.startDate, day), gte(payPeriods.endDate, day)));
    return Number(row?.count ?? 0);
  },

  /**
   * Form 941 line 13: the federal (`IRS`, Form 941) tax remittances of the scope's filed runs paid in the period
   * that are CONFIRMED (deposited and settled). SCHEDULED, SUBMITTED and FAILED ones are not deposits yet.
   */
  async confirmedFederalDeposits(db: Db, scope: FilingScope, from: string, to: string): Promise<number> {
    /* filings.confirmedFederalDeposits */
    const [row] = await db
      .select({ amount: sql<string>`coalesce(sum(${remittances.amount}), 0)` })
      .from(remittances)
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, remittances.payrollRunId), eq(payrollRuns.clientId, remittances.clientId)))
      .where(
        and(
          tenantFilter(remittances.clientId, scope.tenants),
          eq(payrollRuns.employerEntityId, scope.employerEntityId),
          inArray(payrollRuns.status, [...FILED_RUN_STATUSES]),
          gte(payrollRuns.payDate, from),
          lte(payrollRuns.payDate, to),
          eq(remittances.kind, "TAX"),
          eq(remittances.payeeKey, "IRS"),
          eq(remittances.status, "CONFIRMED"),
          scope.clientId ? eq(remittances.clientId, scope.clientId) : undefined,
        ),
      );
    return Number(row?.amount ?? 0);
  },

  /** PD7A: Σ of line amounts per month of the pay date, code and kind, over the period. */
  async monthLineSums(db: Db, scope: FilingScope, from: string, to: string): Promise<MonthLineSum[]> {
    const month = sql<string>`to_char(${payrollRuns.payDate}, 'YYYY-MM')`;
    /* filings.monthLineSums */
    const rows = await db
      .select({ month, code: payStatementLines.code, kind: payStatementLines.kind, amount: sql<string>`sum(${payStatementLines.amount})` })
      .from(payStatementLines)
      .innerJoin(payStatements, and(eq(payStatements.id, payStatementLines.payStatementId), eq(payStatements.clientId, payStatementLines.clientId)))
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, payStatements.clientId)))
      .innerJoin(engagements, and(eq(engagements.id, payStatements.engagementId), eq(engagements.clientId, payStatements.clientId)))
      .where(filedStatements(scope, from, to))
      .groupBy(sql`1, 2, 3`)
      .orderBy(sql`1, 2`);
    return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
  },

  /**
   * PD7A "number of employees in the last pay period": per month (`YYYY-MM`) of the period, the distinct workers with
   * an employee statement in the filed runs paid on the month's last pay date.
   */
  async employeesOnLastPayDateOfMonths(db: Db, scope: FilingScope, from: string, to: string): Promise<Map<string, number>> {
    const month = sql<string>`to_char(${payrollRuns.payDate}, 'YYYY-MM')`;
    const lastPayDate = sql`max(${payrollRuns.payDate}) over (partition by to_char(${payrollRuns.payDate}, 'YYYY-MM'))`;
    /* filings.employeesOnLastPayDateOfMonths */
    const paid = db
      .select({ month: month.as("month"), payDate: payrollRuns.payDate, lastPayDate: sql<string>`${lastPayDate}`.as("last_pay_date"), workerId: engagements.workerId })
      .from(payStatements)
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, payStatements.clientId)))
      .innerJoin(engagements, and(eq(engagements.id, payStatements.engagementId), eq(engagements.clientId, payStatements.clientId)))
      .where(filedStatements(scope, from, to))
      .as("paid");
    const rows = await db
      .select({ month: paid.month, count: sql<string>`count(distinct ${paid.workerId})` })
      .from(paid)
      .where(sql`${paid.payDate} = ${paid.lastPayDate}`)
      .groupBy(paid.month);
    return new Map(rows.map((r) => [r.month, Number(r.count)]));
  },
};
