/**
 * Benefit deductions of one engagement for one pay period (pure: no I/O, no clock). The run calculation
 * (payroll-statements.compute.ts) passes the result to the engine as `PaycheckInput.benefitDeductions`; the engine
 * applies each kind's tax treatment and annual limit and reports what it took in `appliedBenefits`.
 *
 * Rules (README "Benefits", src/modules/benefits/README.md):
 * - An enrollment counts in a period when its dates [effectiveFrom, effectiveTo ?? plan year end] overlap the
 *   period. Per plan, the enrollment with the latest `effectiveFrom` applies (an election changed mid-period
 *   applies to the whole period); amounts are per pay period, not prorated by day.
 * - Only REGULAR runs with a pay period deduct, and only when the period has wages (`wages` > 0): no deduction
 *   from a period the worker is not paid (arrears are not taken).
 * - Employee share: FIXED_PER_PERIOD → the elected amount (or the plan's); PERCENT_OF_GROSS → elected (or plan)
 *   basis points × wages, rounded half up to the cent.
 * - Employer share: NONE → 0; FIXED_PER_PERIOD → the plan's amount; PERCENT_OF_GROSS → basis points × wages;
 *   MATCH → Σ over tiers of rate × (the part of the employee's deferral that falls in the tier's band of wages),
 *   tiers stacked from 0 % of wages (e.g. 100 % of the first 3 % + 50 % of the next 2 %, IRC §401(k)(12)(B)(i)'s
 *   safe-harbor basic match), carried as an exact fraction and rounded once, half up.
 */
import type { BenefitDeduction, BenefitKind } from "./engine";

export type ContributionMethod = "NONE" | "FIXED_PER_PERIOD" | "PERCENT_OF_GROSS" | "MATCH";

export interface MatchTierRule {
  /** Share of the matched deferral, basis points (10000 = 100 %). */
  rateBasisPoints: number;
  /** Width of the tier's band, in basis points of wages (300 = the next 3 %). */
  upToBasisPoints: number;
}

/** An enrollment with its plan's rules, as the calculation reads it (amounts in cents). */
export interface CalcBenefitEnrollment {
  id: string;
  engagementId: string;
  planId: string;
  kind: BenefitKind;
  effectiveFrom: string;
  /** Last day (inclusive), or null. */
  effectiveTo: string | null;
  planYearStart: string;
  planYearEnd: string;
  employeeMethod: ContributionMethod;
  /** The employee amount per period: the election, else the plan's default. */
  employeeAmount: number | null;
  /** The employee percent in basis points: the election, else the plan's default. */
  employeePercentBasisPoints: number | null;
  employerMethod: ContributionMethod;
  employerAmount: number | null;
  employerPercentBasisPoints: number | null;
  employerMatch: MatchTierRule[] | null;
  /** GROUP_TERM_LIFE: coverage amount, cents. */
  coverageAmount: number | null;
  /** Who is covered (US_HSA: EMPLOYEE_ONLY is self-only coverage, any other tier family coverage). */
  coverageTier?: "EMPLOYEE_ONLY" | "EMPLOYEE_SPOUSE" | "EMPLOYEE_CHILDREN" | "FAMILY" | null;
}

/** Half-up rounding of a non-negative fraction n / d (BigInt, exact). */
function roundHalfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}

/** `basisPoints` of `wages` in cents, rounded half up. */
export function percentOf(wages: number, basisPoints: number): number {
  return roundHalfUp(BigInt(wages) * BigInt(basisPoints), 10_000n);
}

/** The employee's share for the period, cents. */
export function employeeShare(enrollment: Pick<CalcBenefitEnrollment, "employeeMethod" | "employeeAmount" | "employeePercentBasisPoints">, wages: number): number {
  if (enrollment.employeeMethod === "FIXED_PER_PERIOD") return enrollment.employeeAmount ?? 0;
  if (enrollment.employeeMethod === "PERCENT_OF_GROSS") return percentOf(wages, enrollment.employeePercentBasisPoints ?? 0);
  return 0;
}

/**
 * The employer match on a deferral: exact over the common denominator 10,000 × 10,000 (basis points of basis
 * points). With a percent election the deferral is the exact fraction `wages × bp / 10000` (not the rounded cents),
 * so 6 % of $5,000.00 with 100 % of 3 % + 50 % of 2 % matches exactly $200.00.
 */
export function matchOf(tiers: readonly MatchTierRule[], wages: number, deferral: { percentBasisPoints: number } | { amount: number }): number {
  const W = BigInt(wages);
  // The deferral, over 10,000: wages × bp, or cents × 10,000.
  const D = "percentBasisPoints" in deferral ? W * BigInt(deferral.percentBasisPoints) : BigInt(deferral.amount) * 10_000n;
  let start = 0n; // band start, over 10,000
  let numerator = 0n; // over 10,000 × 10,000
  for (const tier of tiers) {
    const width = W * BigInt(tier.upToBasisPoints);
    const inBand = D - start < 0n ? 0n : D - start < width ? D - start : width;
    numerator += BigInt(tier.rateBasisPoints) * inBand;
    start += width;
  }
  return roundHalfUp(numerator, 100_000_000n);
}

/** The employer's share for the period, cents. */
export function employerShare(enrollment: CalcBenefitEnrollment, wages: number): number {
  switch (enrollment.employerMethod) {
    case "NONE":
      return 0;
    case "FIXED_PER_PERIOD":
      return enrollment.employerAmount ?? 0;
    case "PERCENT_OF_GROSS":
      return percentOf(wages, enrollment.employerPercentBasisPoints ?? 0);
    case "MATCH": {
      const deferral =
        enrollment.employeeMethod === "PERCENT_OF_GROSS" ? { percentBasisPoints: enrollment.employeePercentBasisPoints ?? 0 } : { amount: employeeShare(enrollment, wages) };
      return matchOf(enrollment.employerMatch ?? [], wages, deferral);
    }
  }
}

/** The enrollments that apply to a period: overlapping it, the latest `effectiveFrom` per plan; sorted by kind, then plan. */
export function enrollmentsForPeriod(enrollments: readonly CalcBenefitEnrollment[], period: { startDate: string; endDate: string }): CalcBenefitEnrollment[] {
  const byPlan = new Map<string, CalcBenefitEnrollment>();
  for (const e of enrollments) {
    const to = e.effectiveTo !== null && e.effectiveTo < e.planYearEnd ? e.effectiveTo : e.planYearEnd;
    const from = e.effectiveFrom > e.planYearStart ? e.effectiveFrom : e.planYearStart;
    if (from > period.endDate || to < period.startDate) continue;
    const held = byPlan.get(e.planId);
    if (!held || e.effectiveFrom > held.effectiveFrom) byPlan.set(e.planId, e);
  }
  return [...byPlan.values()].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0));
}

/** The engine's `benefitDeductions` for one engagement and period (empty without wages); `planRef` is the plan's id. */
export function benefitDeductionsFor(enrollments: readonly CalcBenefitEnrollment[], period: { startDate: string; endDate: string }, wages: number): BenefitDeduction[] {
  if (wages <= 0) return [];
  return enrollmentsForPeriod(enrollments, period).flatMap((e) => {
    const deduction: BenefitDeduction = { kind: e.kind, planRef: e.planId, employeeAmount: employeeShare(e, wages), employerAmount: employerShare(e, wages) };
    if (e.coverageAmount !== null) deduction.coverageAmount = e.coverageAmount;
    if (e.kind === "US_HSA" && e.coverageTier) deduction.hsaCoverage = e.coverageTier === "EMPLOYEE_ONLY" ? "SELF" : "FAMILY";
    return deduction.employeeAmount === 0 && deduction.employerAmount === 0 && deduction.coverageAmount === undefined ? [] : [deduction];
  });
}
