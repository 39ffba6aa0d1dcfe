/**
 * US annual limits on benefit contributions by tax year (calendar year of the pay date; plan years are assumed to
 * be calendar years). Amounts in cents. Canada: no payroll limit is applied to a group RRSP (the RRSP deduction
 * limit is personal — 18% of the previous year's earned income up to the year's dollar limit, less pension
 * adjustments — and only the employee's notice of assessment knows it; ITA s. 146(1) "RRSP deduction limit").
 */
export interface UsBenefitLimits {
  readonly taxYear: number;
  /** IRC §402(g)(1): elective deferrals, 401(k) pre-tax and Roth together. */
  readonly electiveDeferral: bigint;
  /** IRC §414(v)(2)(B)(i): age 50 or over by the end of the year. */
  readonly catchUp50: bigint;
  /** IRC §414(v)(2)(E) (SECURE 2.0 §109): ages 60–63 at the end of the year, instead of the age-50 catch-up. */
  readonly catchUp60to63: bigint;
  /** IRC §223(b)(2): HSA, employee + employer, by HDHP coverage. */
  readonly hsaSelfOnly: bigint;
  readonly hsaFamily: bigint;
  /** IRC §223(b)(3): age 55 or over by the end of the year. */
  readonly hsaCatchUp55: bigint;
  /** IRC §125(i): salary reductions to a health FSA. */
  readonly healthFsa: bigint;
  /** IRC §129(a)(2)(A): dependent care assistance, per household (the MFS half is not applied: filing status is not known here). */
  readonly dependentCare: bigint;
  readonly citations: {
    readonly electiveDeferral: string;
    readonly hsa: string;
    readonly healthFsa: string;
    readonly dependentCare: string;
  };
}

export const US_BENEFIT_LIMITS: Readonly<Record<number, UsBenefitLimits>> = {
  2026: {
    taxYear: 2026,
    electiveDeferral: 24_500_00n,
    catchUp50: 8_000_00n,
    catchUp60to63: 11_250_00n,
    hsaSelfOnly: 4_400_00n,
    hsaFamily: 8_750_00n,
    hsaCatchUp55: 1_000_00n,
    healthFsa: 3_400_00n,
    dependentCare: 7_500_00n,
    citations: {
      electiveDeferral: "IRS Notice 2025-67 (Nov 13, 2025): $24,500; catch-up $8,000 (age 50+), $11,250 (ages 60–63)",
      hsa: "Rev. Proc. 2025-19: $4,400 self-only, $8,750 family; IRC §223(b)(3) catch-up $1,000 (age 55+)",
      healthFsa: "Rev. Proc. 2025-32 §3: health FSA salary reductions $3,400",
      dependentCare: "IRC §129(a)(2)(A) as amended by P.L. 119-21 (OBBBA) §70404: $7,500 from 2026",
    },
  },
  2025: {
    taxYear: 2025,
    electiveDeferral: 23_500_00n,
    catchUp50: 7_500_00n,
    catchUp60to63: 11_250_00n,
    hsaSelfOnly: 4_300_00n,
    hsaFamily: 8_550_00n,
    hsaCatchUp55: 1_000_00n,
    healthFsa: 3_300_00n,
    dependentCare: 5_000_00n,
    citations: {
      electiveDeferral: "IRS Notice 2024-80: $23,500; catch-up $7,500 (age 50+), $11,250 (ages 60–63)",
      hsa: "Rev. Proc. 2024-25: $4,300 self-only, $8,550 family; IRC §223(b)(3) catch-up $1,000 (age 55+)",
      healthFsa: "Rev. Proc. 2024-40: health FSA salary reductions $3,300",
      dependentCare: "IRC §129(a)(2)(A): $5,000",
    },
  },
};

/** The elective deferral limit for an age at the end of the year; no age → no catch-up (never over-defer). */
export function electiveDeferralLimit(limits: UsBenefitLimits, age: number | undefined): { limit: bigint; note: string } {
  if (age === undefined) return { limit: limits.electiveDeferral, note: "no age given: catch-up not applied" };
  if (age >= 60 && age <= 63) return { limit: limits.electiveDeferral + limits.catchUp60to63, note: `age ${age}: ages 60–63 catch-up included` };
  if (age >= 50) return { limit: limits.electiveDeferral + limits.catchUp50, note: `age ${age}: age-50 catch-up included` };
  return { limit: limits.electiveDeferral, note: `age ${age}: no catch-up` };
}

/** The HSA limit for a coverage tier and age; no tier → self-only, no age → no catch-up (the lower limit). */
export function hsaLimit(limits: UsBenefitLimits, coverage: "SELF" | "FAMILY" | undefined, age: number | undefined): { limit: bigint; note: string } {
  const base = coverage === "FAMILY" ? limits.hsaFamily : limits.hsaSelfOnly;
  const tier = coverage === undefined ? "no coverage tier given: self-only limit" : coverage === "FAMILY" ? "family coverage" : "self-only coverage";
  const catchUp = age !== undefined && age >= 55;
  const ageNote = age === undefined ? "no age given: catch-up not applied" : catchUp ? `age ${age}: catch-up included` : `age ${age}: no catch-up`;
  return { limit: base + (catchUp ? limits.hsaCatchUp55 : 0n), note: `${tier}; ${ageNote}` };
}
