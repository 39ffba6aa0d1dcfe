/**
 * Virginia income tax withholding — Virginia Department of Taxation "Income Tax Withholding Guide for Employers"
 * (Rev. 05/25), Formula for Computing Tax to be Withheld (p. 21), effective for wages paid after July 1, 2025
 * (taxable year 2025 and after, in force for 2026):
 *   T = G × P − [$8,750 + E1 × $930 + E2 × $800]
 *   W = 2% of T up to $3,000; $60 + 3% over $3,000 up to $5,000; $120 + 5% over $5,000 up to $17,000;
 *       $720 + 5.75% over $17,000
 *   W/H = W ÷ P
 * (E1: VA-4 line 1(a) personal and dependent exemptions; E2: line 1(b) age 65 and over / blind exemptions.)
 *
 * Confidence MED-HIGH, SECONDARY: the guide could not be opened here; four independent public transcriptions agree
 * on $8,750, $930, $800 and the four bands (one of them the guide's own p. 21 text, one a federal payroll provider's
 * 2025 bulletin, two 2026 payroll calculators). The guide's example (John, semi-monthly) rounds the 5.75% product to
 * the dollar; its inputs were not available, so it is not a test. 2025 is not transcribed (the first half of 2025
 * used the previous standard deduction): MISSING_TAX_TABLE.
 */
import { pct, usd, type Rate } from "../money";

export interface VaBand {
  /** Annual taxable income over which this band applies (and up to the next band's `over`), cents. */
  readonly over: bigint;
  readonly base: bigint;
  readonly rate: Rate;
}

export interface VaWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly standardDeduction: bigint;
  readonly personalExemption: bigint;
  readonly ageBlindExemption: bigint;
  readonly bands: readonly VaBand[];
}

export const VA_WITHHOLDING: Readonly<Record<number, VaWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation: "Virginia Income Tax Withholding Guide for Employers (Rev. 05/25) p. 21 formula (secondary: four transcriptions agree)",
    standardDeduction: usd("8750"),
    personalExemption: usd("930"),
    ageBlindExemption: usd("800"),
    bands: [
      { over: usd("0"), base: usd("0"), rate: pct("2") },
      { over: usd("3000"), base: usd("60"), rate: pct("3") },
      { over: usd("5000"), base: usd("120"), rate: pct("5") },
      { over: usd("17000"), base: usd("720"), rate: pct("5.75") },
    ],
  },
};
