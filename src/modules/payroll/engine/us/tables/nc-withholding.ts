/**
 * North Carolina income tax withholding, 2026 — NCDOR Form NC-30 "Income Tax Withholding Tables and Instructions
 * for Employers" (2026, Web 11-25), percentage method (formula tables) and its worked example (weekly $450, single,
 * 2 allowances → $4): per period, wages − standard deduction ÷ periods − allowances × $2,500 ÷ periods, × 4.09%
 * (the 3.99% individual rate for 2026 plus 0.1%), rounded to the nearest whole dollar. Per-period amounts are the
 * annual amounts ÷ periods rounded to the cent, as NC-30 prints them ($12,750 ÷ 52 = $245.19, $2,500 ÷ 52 = $48.08).
 * Standard deduction: $12,750 single / married filing separately / married filing jointly or surviving spouse (each
 * spouse withholds on its own wages), $19,125 head of household.
 *
 * Confidence MED-HIGH, SECONDARY: NC-30 could not be opened here; two independent public transcriptions of the 2026
 * NC-30 agree on the rate, both standard deductions, the allowance and the whole-dollar rounding, and the
 * publication's example reproduces. 2025 (4.35%) is not transcribed: MISSING_TAX_TABLE.
 */
import { pct, usd, type Rate } from "../money";

export type Nc4Status = "SINGLE_OR_MARRIED_FILING_SEPARATELY" | "HEAD_OF_HOUSEHOLD" | "MARRIED_FILING_JOINTLY_OR_SURVIVING_SPOUSE";

export interface NcWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  /** Annual standard deduction by NC-4 status, cents. */
  readonly standardDeduction: Readonly<Record<Nc4Status, bigint>>;
  /** Annual value of one NC-4 allowance, cents. */
  readonly allowance: bigint;
}

export const NC_WITHHOLDING: Readonly<Record<number, NcWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation: "NCDOR NC-30 (2026) percentage method, 4.09% (secondary: two transcriptions agree)",
    rate: pct("4.09"),
    standardDeduction: {
      SINGLE_OR_MARRIED_FILING_SEPARATELY: usd("12750"),
      HEAD_OF_HOUSEHOLD: usd("19125"),
      MARRIED_FILING_JOINTLY_OR_SURVIVING_SPOUSE: usd("12750"),
    },
    allowance: usd("2500"),
  },
};
