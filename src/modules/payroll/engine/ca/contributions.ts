import { pos, Q, qmax, qmin } from "./exact";
import type { EiTable, PensionPlanTable, QpipTable } from "./tables/types";

/**
 * Per-period contributions and premiums (T4127 Ch. 6 CPP/QPP and CPP2/QPP2, Ch. 7 EI, Table 8.8 QPIP).
 * Every result is rounded half-up to the cent (Ch. 1, p. 8) and never exceeds what is left of the annual
 * maximum given the year-to-date amounts.
 */

/** CPP/QPP basic exemption for one pay period: 3,500 / P, truncated (not rounded) to the cent (Ch. 1, p. 8). */
export function basicExemptionPerPeriod(plan: PensionPlanTable, periodsPerYear: number): Q {
  return Q.dollars(plan.basicExemption).divInt(periodsPerYear).truncCents();
}

export interface PensionInput {
  plan: PensionPlanTable;
  periodsPerYear: number;
  /** PM: months in the year for which contributions are required (12 unless the employee turns 18/70 etc.). */
  pensionableMonths: number;
  /** PI: pensionable income of this pay period. */
  pensionableIncome: Q;
  /** Whether the per-period basic exemption applies (not for a bonus paid separately from regular pay). */
  applyExemption: boolean;
  /** D: base + first additional contributions already deducted this year by this employer. */
  ytdContributions: Q;
  /** D2: second additional contributions already deducted this year. */
  ytdSecondContributions: Q;
  /** PIYTD: pensionable earnings already paid this year (drives W for CPP2). */
  ytdPensionableEarnings: Q;
}

export interface PensionResult {
  /** C: base + first additional contribution of the period. */
  contribution: Q;
  /** C2: second additional contribution of the period. */
  secondContribution: Q;
  exemption: Q;
}

/**
 * C  = min(max × PM/12 − D, rate × (PI − exemption/P)), ≥ 0;
 * C2 = min(max2 × PM/12 − D2, (PIYTD + PI − W) × 4%), ≥ 0, with W = max(PIYTD, YMPE × PM/12).
 */
export function pensionContributions(input: PensionInput): PensionResult {
  const { plan, periodsPerYear, pensionableMonths: pm, pensionableIncome: pi } = input;
  const months = Q.of(BigInt(pm), 12n);
  const exemption = input.applyExemption ? basicExemptionPerPeriod(plan, periodsPerYear) : Q.ZERO;

  const room = pos(Q.dollars(plan.maxContribution).mul(months).sub(input.ytdContributions));
  const onIncome = Q.ratio(plan.rate).mul(pos(pi.sub(exemption)));
  const contribution = pos(qmin(room, onIncome)).roundCents();

  const room2 = pos(Q.dollars(plan.maxSecondContribution).mul(months).sub(input.ytdSecondContributions));
  const w = qmax(input.ytdPensionableEarnings, Q.dollars(plan.ympe).mul(months));
  const band = pos(input.ytdPensionableEarnings.add(pi).sub(w));
  const secondContribution = pos(qmin(room2, Q.ratio(plan.secondRate).mul(band))).roundCents();

  return { contribution, secondContribution, exemption };
}

/**
 * The same contribution split between the regular pay and the non-periodic payment of the period, so the
 * tax formulas can annualize only the regular part (T4127 bonus method: P × C on regular pay, plus the
 * contributions on the bonus). The regular part is what the period would have paid without the bonus.
 */
export function regularShare(total: Q, onRegularAlone: Q): Q {
  return qmin(total, onRegularAlone);
}

export interface InsuranceInput {
  /** IE: insurable earnings of the period. */
  insurableEarnings: Q;
  /** Year-to-date premiums (D1 for EI); undefined when not supplied. */
  ytdPremiums?: Q;
  /** Year-to-date insurable earnings; undefined when not supplied. */
  ytdInsurableEarnings?: Q;
}

/**
 * EI = min(max premium − D1, rate × IE), rounded half-up (Ch. 7).
 *
 * The legal ceiling is on insurable earnings (68,900 in 2026): T4127 p. 31 (example A6) shows an employee who
 * earned 30,000 in Ontario (489.00 at 1.63%) and moves to Quebec paying 1.30% on the remaining 38,900
 * (505.70), for 994.70 in the year — more than Quebec's 895.70 "maximum premium". So:
 * - when year-to-date insurable earnings are known, the ceiling is rate × (MIE − IE YTD);
 * - the premium ceiling (max − D1) is also applied when D1 is consistent with the current rate (it absorbs the
 *   cents of per-period rounding so the year never exceeds the published maximum); a D1 that differs from
 *   rate × IE YTD by more than $1 means the earlier premiums were at another rate (a province change) and
 *   only the earnings ceiling applies.
 */
export function eiPremium(table: EiTable, input: InsuranceInput): Q {
  return insurancePremium(Q.ratio(table.rate), Q.dollars(table.maxInsurableEarnings), Q.dollars(table.maxPremium), input);
}

/** QPIP employee premium: same rule with the QPIP rate, ceiling and maximum (Table 8.8). */
export function qpipPremium(table: QpipTable, input: InsuranceInput): Q {
  return insurancePremium(Q.ratio(table.employeeRate), Q.dollars(table.maxInsurableEarnings), Q.dollars(table.maxEmployeePremium), input);
}

const PROVINCE_CHANGE_TOLERANCE = Q.dollars("1.00");

function insurancePremium(rate: Q, mie: Q, maxPremium: Q, input: InsuranceInput): Q {
  let insurable = pos(input.insurableEarnings);
  let premiumRoom: Q | undefined;
  if (input.ytdInsurableEarnings !== undefined) {
    insurable = qmin(insurable, pos(mie.sub(input.ytdInsurableEarnings)));
  }
  if (input.ytdPremiums !== undefined) {
    const consistent = input.ytdInsurableEarnings === undefined || absQ(input.ytdPremiums.sub(rate.mul(input.ytdInsurableEarnings))).le(PROVINCE_CHANGE_TOLERANCE);
    if (consistent) premiumRoom = pos(maxPremium.sub(input.ytdPremiums));
  }
  let premium = rate.mul(insurable);
  if (premiumRoom !== undefined) premium = qmin(premium, premiumRoom);
  return pos(premium).roundCents();
}

function absQ(x: Q): Q {
  return x.isNegative() ? Q.ZERO.sub(x) : x;
}

/** Employer premium = multiplier × employee premium, rounded half-up (EI: 1.4×; QPIP: 0.602/0.430 = 1.4×). */
export function employerPremium(employee: Q, multiplier: Q): Q {
  return employee.mul(multiplier).roundCents();
}
