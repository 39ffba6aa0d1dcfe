/**
 * Oklahoma income tax withholding — Oklahoma Tax Commission Packet OW-2 "Oklahoma Income Tax Withholding Tables"
 * (2026 edition), percentage formula: annual wages − OK-W-4 allowances × $1,000 = annual taxable wages; tax from the
 * annual Single or Married schedule (each starts at the Oklahoma standard deduction: $6,350 Single, $12,700
 * Married); ÷ pay periods, rounded to the nearest whole dollar.
 * The official 2026 OW-2 could not be opened here. Secondary, agreeing:
 *  - 2026 rates and annual brackets (HB 2764, 2025, amending 68 O.S. § 2355): 0% / 2.5% / 3.5% / 4.5%, Single
 *    breaks $3,750 / $4,900 / $7,200, Married Joint $7,500 / $9,800 / $14,400 — PolicyEngine-US parameters
 *    gov/states/ok/tax/income/rates (citing HB 2764 ENR p. 11 and the 2025 Form 511 instructions); standard deduction
 *    $6,350 / $12,700 and $1,000 per exemption (Form 511 instructions p. 10, via the same parameters).
 *  - Suburban Computer Services "Oklahoma Payroll Withholding, effective January 1, 2026": Married schedule
 *    $20,200 → 2.5%, $22,500 ($57.50) → 3.5%, $27,100 ($218.50) → 4.5%; $1,000 per allowance; rounded to the
 *    nearest dollar. These are exactly $12,700 + the HB 2764 Married breaks, with plus amounts re-derived from the
 *    rates (tests).
 *  - Single schedule: $6,350 + the HB 2764 Single breaks ($10,100 / $11,250 / $13,550), the same construction the
 *    2024 OW-2 Single schedule has (Suburban Computer Services 2024: $6,350 / $7,350 / … / $13,550 = $6,350 + the
 *    2024 breaks) and that the 2026 Married rows above confirm. Confidence MED (Married), MED-LOW (Single rows are
 *    derived, not read).
 *  - 2025: not transcribed → MISSING_TAX_TABLE.
 */
import { pct, usd } from "../money";
import type { BracketRow } from "./bracket-schedule";

export type OkSchedule = "SINGLE" | "MARRIED";

export interface OkWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  /** Per OK-W-4 allowance, annual, cents. */
  readonly allowance: bigint;
  readonly schedules: Readonly<Record<OkSchedule, readonly BracketRow[]>>;
}

const row = (over: string, plus: string, rate: string): BracketRow => ({ over: usd(over), plus: usd(plus), rate: pct(rate) });

export const OK_WITHHOLDING: Readonly<Record<number, OkWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation:
      "OTC Packet OW-2 (2026) percentage formula (secondary: PolicyEngine-US HB 2764 brackets and Form 511 standard deduction, Suburban Computer Services 2026 Married schedule agree)",
    allowance: usd("1000"),
    schedules: {
      SINGLE: [row("0", "0", "0"), row("10100", "0", "2.5"), row("11250", "28.75", "3.5"), row("13550", "109.25", "4.5")],
      MARRIED: [row("0", "0", "0"), row("20200", "0", "2.5"), row("22500", "57.50", "3.5"), row("27100", "218.50", "4.5")],
    },
  },
};
