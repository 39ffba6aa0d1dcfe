/**
 * The benefit part of a run's calculation inputs (read by payroll-inputs.repository.ts): the enrollments of the
 * paid engagements that overlap the period, with their plans' rules, and the year-to-date benefit contributions
 * by kind (summed from the DED_<KIND> / BEN_ER_<KIND> lines of earlier statements, like the other YTD sums).
 */
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { BENEFIT_KINDS, type BenefitKind } from "../../shared/benefit-kind";
import { benefitEnrollments, benefitPlans } from "../benefits/benefit.table";
import { engagements } from "../engagements/engagement.table";
import { payrollRuns, payStatementLines, payStatements } from "./payroll.table";
import type { CalcBenefitEnrollment } from "./benefit-deductions.compute";
import type { CalcRun, CalcYearToDate } from "./payroll-statements.compute";

const EMPLOYEE_CODES = BENEFIT_KINDS.map((k) => `DED_${k}`);
const EMPLOYER_CODES = BENEFIT_KINDS.map((k) => `BEN_ER_${k}`);

export const benefitInputsRepository = {
  /** Enrollments of the paid engagements whose dates and plan year overlap the period (REGULAR runs only). */
  async enrollments(db: Db, run: CalcRun, paidEngagementIds: SQLWrapper): Promise<CalcBenefitEnrollment[]> {
    if (run.kind !== "REGULAR" || !run.period) return [];
    const period = run.period;
    /* benefitInputs.enrollments */
    const rows = await db
      .select({
        id: benefitEnrollments.id,
        engagementId: benefitEnrollments.engagementId,
        planId: benefitEnrollments.planId,
        kind: benefitEnrollments.kind,
        effectiveFrom: benefitEnrollments.effectiveFrom,
        effectiveTo: benefitEnrollments.effectiveTo,
        electedAmount: benefitEnrollments.electedAmount,
        electedPercentBasisPoints: benefitEnrollments.electedPercentBasisPoints,
        coverageAmount: benefitEnrollments.coverageAmount,
        coverageTier: benefitEnrollments.coverageTier,
        planYearStart: benefitPlans.planYearStart,
        planYearEnd: benefitPlans.planYearEnd,
        employeeMethod: benefitPlans.employeeMethod,
        employeeAmount: benefitPlans.employeeAmount,
        employeePercentBasisPoints: benefitPlans.employeePercentBasisPoints,
        employerMethod: benefitPlans.employerMethod,
        employerAmount: benefitPlans.employerAmount,
        employerPercentBasisPoints: benefitPlans.employerPercentBasisPoints,
        employerMatch: benefitPlans.employerMatch,
      })
      .from(benefitEnrollments)
      .innerJoin(benefitPlans, eq(benefitPlans.id, benefitEnrollments.planId))
      .where(
        and(
          eq(benefitEnrollments.clientId, run.clientId),
          inArray(benefitEnrollments.engagementId, paidEngagementIds),
          // Every status: a changed election's old row ends the day before the new one; the pure part keeps the later per plan.
          lte(benefitEnrollments.effectiveFrom, period.endDate),
          or(isNull(benefitEnrollments.effectiveTo), gte(benefitEnrollments.effectiveTo, period.startDate)),
          lte(benefitPlans.planYearStart, period.endDate),
          gte(benefitPlans.planYearEnd, period.startDate),
        ),
      )
      .orderBy(asc(benefitEnrollments.id));
    return rows.map((r) => ({
      id: r.id,
      engagementId: r.engagementId,
      planId: r.planId,
      kind: r.kind,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
      planYearStart: r.planYearStart,
      planYearEnd: r.planYearEnd,
      employeeMethod: r.employeeMethod,
      employeeAmount: r.electedAmount ?? r.employeeAmount,
      employeePercentBasisPoints: r.electedPercentBasisPoints ?? r.employeePercentBasisPoints,
      employerMethod: r.employerMethod,
      employerAmount: r.employerAmount,
      employerPercentBasisPoints: r.employerPercentBasisPoints,
      employerMatch: r.employerMatch ?? null,
      coverageAmount: r.coverageAmount,
      coverageTier: r.coverageTier,
    }));
  },

  /**
   * Benefit contributions this calendar year per worker and kind, from the same statements the other YTD sums
   * read (other runs of the employer entity and client, past approval, paid on or before this pay date).
   */
  async yearToDate(
    db: Db,
    run: CalcRun,
    workerIds: SQLWrapper,
    runStatuses: readonly string[],
  ): Promise<Map<string, Pick<CalcYearToDate, "benefitContributions" | "benefitEmployerContributions">>> {
    const yearStart = `${run.payDate.slice(0, 4)}-01-01`;
    /* benefitInputs.yearToDate */
    const rows = await db
      .select({ workerId: engagements.workerId, code: payStatementLines.code, amount: sql<string>`sum(${payStatementLines.amount})` })
      .from(payStatementLines)
      .innerJoin(payStatements, and(eq(payStatements.id, payStatementLines.payStatementId), eq(payStatements.clientId, run.clientId)))
      .innerJoin(payrollRuns, and(eq(payrollRuns.id, payStatements.payrollRunId), eq(payrollRuns.clientId, run.clientId)))
      .innerJoin(engagements, and(eq(engagements.id, payStatements.engagementId), eq(engagements.clientId, run.clientId)))
      .where(
        and(
          eq(payStatementLines.clientId, run.clientId),
          inArray(payStatementLines.code, [...EMPLOYEE_CODES, ...EMPLOYER_CODES]),
          eq(payrollRuns.employerEntityId, run.employerEntityId),
          inArray(payrollRuns.status, runStatuses as ("APPROVED" | "FUNDED" | "PAYING" | "PAID" | "PARTIALLY_PAID")[]),
          ne(payrollRuns.id, run.id),
          gte(payrollRuns.payDate, yearStart),
          // The whole calendar year, like the wage bases (payroll-inputs.repository.ts `yearToDate`).
          lte(payrollRuns.payDate, `${run.payDate.slice(0, 4)}-12-31`),
          inArray(engagements.workerId, workerIds),
        ),
      )
      .groupBy(engagements.workerId, payStatementLines.code)
      .orderBy(asc(engagements.workerId), asc(payStatementLines.code));
    const result = new Map<string, { benefitContributions: Partial<Record<BenefitKind, number>>; benefitEmployerContributions: Partial<Record<BenefitKind, number>> }>();
    for (const r of rows) {
      let entry = result.get(r.workerId);
      if (!entry) result.set(r.workerId, (entry = { benefitContributions: {}, benefitEmployerContributions: {} }));
      if (r.code.startsWith("BEN_ER_")) entry.benefitEmployerContributions[r.code.slice(7) as BenefitKind] = Number(r.amount);
      else entry.benefitContributions[r.code.slice(4) as BenefitKind] = Number(r.amount);
    }
    return result;
  },
};
