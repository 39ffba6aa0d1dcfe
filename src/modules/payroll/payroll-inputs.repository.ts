/**
 * The calculation's input reader: every row a run's calculation reads (the run and its period, the engagements
 * paid, their compensations, time entries, one-off earnings, withholding elections and year-to-date amounts),
 * shaped as the pure calculation's `CalculationInputs`. Approval reads the same inputs again to compare digests.
 * Reads only; the result is written by payroll-statements.repository.ts.
 */
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { selectRows } from "../../db/prepared";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { employeeClassifications } from "../../shared/classification";
import { engagements, compensations } from "../engagements/engagement.table";
import { workers } from "../workers/worker.table";
import { payPeriods, paySchedules } from "../pay-schedules/pay-schedule.table";
import { timeEntries } from "../time-entries/time-entry.table";
import { oneOffEarnings, payrollRuns, payStatementLines, payStatements } from "./payroll.table";
import {
  CALCULATION_RULES_VERSION,
  relevantCompensations,
  US_BASE_LINES,
  type CalcCompensation,
  type CalcEngagement,
  type CalcRun,
  type CalcWorker,
  type CalcYearToDate,
  type CalculationInputs,
} from "./payroll-statements.compute";
import type { PayrollRunRow } from "./payroll.type";
import { workweekStart } from "./overtime.compute";
import { LABOR_LAW_RULES_VERSION } from "../labor-law/minimum-wage.tables";
import { benefitInputsRepository } from "./benefit-inputs.repository";
import { finalPays } from "../offboarding/final-pay.table";
import { finalPayRepository } from "../offboarding/final-pay.repository";
import { readRunOnboarding } from "../onboarding/onboarding-run-inputs";
import { employerRepository } from "../employers/employer.repository";
import type { PiiCipher } from "../../pii/pii-cipher";
import { openCertificates } from "../workers/worker-certificates";

/** Runs whose statements count towards year-to-date amounts: every run past approval (figures frozen). */
export const YTD_RUN_STATUSES = ["APPROVED", "FUNDED", "PAYING", "PAID", "PARTIALLY_PAID"] as const;

const EMPLOYEE_CLASSIFICATIONS = sql.raw(
  `(${employeeClassifications()
    .map((c) => `'${c}'`)
    .join(", ")})`,
);

function sumFilter(filter: SQL) {
  return sql<string>`coalesce(sum(${payStatementLines.amount}) filter (where ${filter}), 0)`;
}

/** `code in (…)`; an empty list matches nothing. */
function codeIn(codes: readonly string[]) {
  return codes.length > 0 ? inArray(payStatementLines.code, [...codes]) : sql`false`;
}

function statementHasLine(codes: string[]) {
  return sql`exists (select 1 from ${payStatementLines} c where c.pay_statement_id = ${payStatementLines.payStatementId} and c.code in (${sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  )}))`;
}

export interface RunForCalculation {
  row: PayrollRunRow;
  run: CalcRun;
  payScheduleId: string | null;
}

/**
 * A handful of set-based reads (no query per engagement), so a 100,000-engagement run is read in a few
 * statements. Every query is scoped by the caller's tenants AND the run's client (the calculation job reads as
 * SYSTEM with every tenant; approval with the principal's).
 */
/**
 * A query sent now (drizzle's builders are lazy: they run when awaited) and awaited later. If an earlier one fails,
 * the transaction is aborted and this one fails too: its rejection is the caller's to see when it awaits it, never
 * an unhandled one meanwhile.
 */
function started<T>(query: PromiseLike<T>): Promise<T> {
  const promise = Promise.resolve(query);
  promise.catch(() => undefined);
  return promise;
}

export const payrollInputsRepository = {
  async runForCalculation(db: Db, scope: TenantScope, runId: string): Promise<RunForCalculation | null> {
    /* payrollInputs.runForCalculation */
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
   * Every input of the calculation, each list sorted; the statements that need no earlier one's rows are
   * pipelined. The engagements paid: those on the run's pay schedule active on at least one day of the period
   * (REGULAR runs), plus any engagement with a one-off earning on the run.
   */
  async readInputs(db: Db, scope: TenantScope, target: RunForCalculation, pii: PiiCipher): Promise<CalculationInputs> {
    const { run, payScheduleId } = target;
    const oneOffEngagements = db
      .select({ id: oneOffEarnings.engagementId })
      .from(oneOffEarnings)
      .where(and(eq(oneOffEarnings.clientId, run.clientId), eq(oneOffEarnings.payrollRunId, run.id)));
    const scheduled =
      run.kind === "REGULAR" && run.period && payScheduleId
        ? and(
            eq(engagements.payScheduleId, payScheduleId),
            lte(engagements.startDate, run.period.endDate),
            or(isNull(engagements.endDate), gte(engagements.endDate, run.period.startDate)),
          )
        : undefined;
    // An OFF_CYCLE final-pay run (offboarding) also pays the ended engagements whose final pay it is.
    const finalPayEngagements = db
      .select({ id: finalPays.engagementId })
      .from(finalPays)
      .where(and(eq(finalPays.clientId, run.clientId), eq(finalPays.payrollRunId, run.id)));
    // An employee engagement with no pay schedule is on every REGULAR run of its client and country (employer
    // entity) while active in the period, blocked with NO_PAY_SCHEDULE: never silently left out.
    const withoutSchedule =
      run.kind === "REGULAR" && run.period
        ? and(
            isNull(engagements.payScheduleId),
            sql`${engagements.classification} in ${EMPLOYEE_CLASSIFICATIONS}`,
            lte(engagements.startDate, run.period.endDate),
            or(isNull(engagements.endDate), gte(engagements.endDate, run.period.startDate)),
          )
        : undefined;
    const unscheduled = or(inArray(engagements.id, oneOffEngagements), inArray(engagements.id, finalPayEngagements), withoutSchedule);
    const paid = and(
      tenantFilter(engagements.clientId, scope),
      eq(engagements.clientId, run.clientId),
      eq(engagements.employerEntityId, run.employerEntityId),
      scheduled ? or(scheduled, unscheduled) : unscheduled,
    );
    const paidIds = db.select({ id: engagements.id }).from(engagements).where(paid);
    const paidWorkerIds = db.select({ id: engagements.workerId }).from(engagements).where(paid);

    // Every statement below reads the same snapshot (the caller's REPEATABLE READ transaction): those that need
    // nothing from an earlier one's rows are sent at once, pipelined on the connection, and awaited where used.
    /* payrollInputs.engagements */
    const engagementQuery = started(
      selectRows(
        db,
        db
          .select({
            id: engagements.id,
            workerId: engagements.workerId,
            workJurisdiction: engagements.workJurisdiction,
            classification: engagements.classification,
            startDate: engagements.startDate,
            endDate: engagements.endDate,
            scheduleFrequency: paySchedules.frequency,
            exempt: engagements.exempt,
            payScheduleId: engagements.payScheduleId,
          })
          .from(engagements)
          .leftJoin(paySchedules, eq(paySchedules.id, engagements.payScheduleId))
          .where(paid)
          .orderBy(asc(engagements.id)),
      ),
    );
    const finalPaysQuery = started(finalPayRepository.forCalculation(db, run, paidIds));
    /* payrollInputs.oneOffEarnings */
    const oneOffsQuery = started(
      db
        .select({ id: oneOffEarnings.id, engagementId: oneOffEarnings.engagementId, kind: oneOffEarnings.kind, amount: oneOffEarnings.amount, currency: oneOffEarnings.currency })
        .from(oneOffEarnings)
        .where(and(eq(oneOffEarnings.clientId, run.clientId), eq(oneOffEarnings.payrollRunId, run.id)))
        .orderBy(asc(oneOffEarnings.id)),
    );
    /* payrollInputs.workers: withholding elections only (never a tax id); the certificates are decrypted below */
    const electionsQuery = started(
      selectRows(
        db,
        db
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
            certificatesEncrypted: workers.withholdingCertificatesEncrypted,
            cppExempt: workers.cppExempt,
            eiExempt: workers.eiExempt,
          })
          .from(workers)
          .where(and(eq(workers.clientId, run.clientId), inArray(workers.id, paidWorkerIds)))
          .orderBy(asc(workers.id)),
      ),
    );
    const yearToDateQuery = started(this.yearToDate(db, run, paidWorkerIds));
    const benefitYtdQuery = started(benefitInputsRepository.yearToDate(db, run, paidWorkerIds, YTD_RUN_STATUSES));
    const enrollmentsQuery = started(benefitInputsRepository.enrollments(db, run, paidIds));

    const engagementRows = await engagementQuery;
    const employees: readonly string[] = employeeClassifications();
    const calcEngagements: CalcEngagement[] = engagementRows.map(({ payScheduleId, ...e }) => ({
      ...e,
      scheduleFrequency: e.scheduleFrequency ?? null,
      ...(run.kind === "REGULAR" && payScheduleId === null && employees.includes(e.classification) ? { noPaySchedule: true } : {}),
    }));

    const usJurisdictions = [...new Set(calcEngagements.map((e) => e.workJurisdiction).filter((j) => j.startsWith("US-")))].sort();
    const suiRatesQuery =
      run.currency === "USD" ? started(employerRepository.suiRatesForYear(db, run.employerEntityId, usJurisdictions, Number(run.payDate.slice(0, 4)))) : undefined;

    const calcFinalPays = await finalPaysQuery;
    const calcCompensations: CalcCompensation[] = [];
    let calcEntries: CalculationInputs["timeEntries"] = [];
    // A final-pay run reads compensations and hours like a regular run, over the days it pays (offboarding).
    const finalPayWindow =
      run.kind === "OFF_CYCLE" && calcFinalPays.length > 0
        ? {
            startDate: calcFinalPays.map((f) => f.paysFrom).reduce((a, b) => (a < b ? a : b)),
            endDate: calcFinalPays.map((f) => f.paysThrough).reduce((a, b) => (a > b ? a : b)),
          }
        : null;
    const window = run.kind === "REGULAR" ? run.period : finalPayWindow;
    if (window) {
      const period = window;
      const finalPayOf = new Map(calcFinalPays.map((f) => [f.engagementId, f]));
      /* payrollInputs.compensations: history up to the period's end, narrowed in memory to what the period reads */
      const compensationsQuery = started(
        selectRows(
          db,
          db
            .select({
              engagementId: compensations.engagementId,
              basis: compensations.basis,
              amount: compensations.amount,
              currency: compensations.currency,
              effectiveFrom: compensations.effectiveFrom,
            })
            .from(compensations)
            .where(and(eq(compensations.clientId, run.clientId), inArray(compensations.engagementId, paidIds), lte(compensations.effectiveFrom, period.endDate)))
            .orderBy(asc(compensations.engagementId), asc(compensations.effectiveFrom)),
        ),
      );
      /* payrollInputs.timeEntries: from the Monday of the period's first workweek (overtime classifies whole weeks, overtime.compute.ts) */
      const timeEntriesQuery = started(
        selectRows(
          db,
          db
            .select({
              engagementId: timeEntries.engagementId,
              workDate: timeEntries.workDate,
              type: timeEntries.type,
              hundredthsOfHours: timeEntries.hundredthsOfHours,
            })
            .from(timeEntries)
            .where(
              and(
                eq(timeEntries.clientId, run.clientId),
                inArray(timeEntries.engagementId, paidIds),
                gte(timeEntries.workDate, workweekStart(period.startDate)),
                lte(timeEntries.workDate, period.endDate),
              ),
            )
            .orderBy(asc(timeEntries.engagementId), asc(timeEntries.workDate), asc(timeEntries.type)),
        ),
      );
      const compRows = await compensationsQuery;
      const byEngagement = new Map<string, CalcCompensation[]>();
      for (const c of compRows) {
        const list = byEngagement.get(c.engagementId);
        if (list) list.push(c);
        else byEngagement.set(c.engagementId, [c]);
      }
      for (const e of calcEngagements) {
        const rows = byEngagement.get(e.id);
        const finalPay = run.kind === "OFF_CYCLE" ? finalPayOf.get(e.id) : undefined;
        if (rows && finalPay) {
          const from = finalPay.paysFrom > e.startDate ? finalPay.paysFrom : e.startDate;
          calcCompensations.push(...relevantCompensations(rows, { ...e, startDate: from }, { startDate: from, endDate: finalPay.paysThrough }));
        } else if (rows && run.kind === "REGULAR") calcCompensations.push(...relevantCompensations(rows, e, period));
      }

      calcEntries = await timeEntriesQuery;
    }

    const oneOffs = await oneOffsQuery;
    const electionRows = await electionsQuery;
    // In memory only: the inputs (and their digest) hold the certificates' values, never an envelope, so a key
    // rotation between calculation and approval changes nothing.
    const workerRows: CalcWorker[] = electionRows.map(({ certificatesEncrypted, ...row }) =>
      certificatesEncrypted === null ? row : { ...row, certificates: openCertificates(pii, row.id, certificatesEncrypted) },
    );

    /* payrollInputs.onboarding: payment method kinds, recorded steps, agreements (no number, no document) */
    const onboardingQuery = started(readRunOnboarding(db, run, calcEngagements, workerRows, paidIds, paidWorkerIds));
    const yearToDate = await yearToDateQuery;
    const benefitYtd = await benefitYtdQuery;
    for (const ytd of yearToDate) Object.assign(ytd, benefitYtd.get(ytd.workerId));
    const benefitEnrollments = await enrollmentsQuery;
    const onboarding = await onboardingQuery;
    const suiRates = suiRatesQuery ? await suiRatesQuery : undefined;
    return {
      rulesVersion: CALCULATION_RULES_VERSION,
      laborLawRulesVersion: LABOR_LAW_RULES_VERSION,
      run,
      engagements: calcEngagements,
      compensations: calcCompensations,
      timeEntries: calcEntries,
      oneOffEarnings: oneOffs,
      workers: workerRows,
      yearToDate,
      ...(benefitEnrollments.length > 0 ? { benefitEnrollments } : {}),
      ...(calcFinalPays.length > 0 ? { finalPays: calcFinalPays } : {}),
      onboarding,
      ...(suiRates !== undefined ? { suiRates } : {}),
    };
  },

  /**
   * Year-to-date amounts per worker with this employer entity: one grouped query over the statement lines of
   * every other run of the same employer entity and client past approval (`YTD_RUN_STATUSES`: their figures are
   * frozen) paid in the calendar year of this run's pay date — whatever their pay date within the year. A run
   * approved before an earlier-dated one has already taken its share of each annual wage base (Social Security,
   * FUTA's $7,000, CPP, EI…), so the earlier-dated run is taxed on what is left, never on the same base twice.
   * Approval order cannot make the bases count twice either way: the year-to-date is part of the inputs digest, so a
   * calculated run whose year-to-date changed since (another run of the worker approved meanwhile, earlier or later
   * dated) is refused at approval with INPUTS_CHANGED and must be recalculated.
   */
  async yearToDate(db: Db, run: CalcRun, workerIds: SQLWrapper): Promise<CalcYearToDate[]> {
    const yearStart = `${run.payDate.slice(0, 4)}-01-01`;
    const yearEnd = `${run.payDate.slice(0, 4)}-12-31`;
    const earning = sql`${payStatementLines.kind} = 'EARNING'`;
    const employee = sql`${engagements.classification} in ${EMPLOYEE_CLASSIFICATIONS}`;
    /* payrollInputs.yearToDate */
    const rows = await selectRows(
      db,
      db
        .select({
          workerId: engagements.workerId,
          employeeWages: sumFilter(sql`${earning} and ${employee}`),
          ssAdd: sumFilter(sql`${codeIn(US_BASE_LINES.socialSecurity.add)} and ${employee}`),
          ssSubtract: sumFilter(sql`${codeIn(US_BASE_LINES.socialSecurity.subtract)} and ${employee}`),
          medicareAdd: sumFilter(sql`${codeIn(US_BASE_LINES.medicare.add)} and ${employee}`),
          medicareSubtract: sumFilter(sql`${codeIn(US_BASE_LINES.medicare.subtract)} and ${employee}`),
          futaAdd: sumFilter(sql`${codeIn(US_BASE_LINES.futa.add)} and ${employee}`),
          futaSubtract: sumFilter(sql`${codeIn(US_BASE_LINES.futa.subtract)} and ${employee}`),
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
            lte(payrollRuns.payDate, yearEnd),
            inArray(engagements.workerId, workerIds),
          ),
        )
        .groupBy(engagements.workerId)
        .orderBy(asc(engagements.workerId)),
    );
    // sum(bigint) is numeric (a string on the wire); amounts stay far below 2^53 cents.
    return rows.map((r) => ({
      workerId: r.workerId,
      employeeWages: Number(r.employeeWages),
      socialSecurityWages: Number(r.employeeWages) + Number(r.ssAdd) - Number(r.ssSubtract),
      medicareWages: Number(r.employeeWages) + Number(r.medicareAdd) - Number(r.medicareSubtract),
      futaWages: Number(r.employeeWages) + Number(r.futaAdd) - Number(r.futaSubtract),
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
};
