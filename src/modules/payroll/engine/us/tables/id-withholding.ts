/**
 * Idaho income tax withholding — Idaho State Tax Commission EPB00006 "Idaho Income Tax Withholding" tables effective
 * July 1, 2025 (percentage method, annual): taxable = annual wages − ID W-4 allowances × the child tax credit
 * allowance (ICTCAT); tax = rate × (taxable − zero band), floor 0; ÷ periods, rounded to the nearest dollar.
 * Single table for single and head of household; Married table for married. Supplemental wages: the flat rate.
 *  - 5.3% (H.B. 40 of 2025); zero band $15,000 single / $30,000 married; $3,868 per allowance.
 *    Secondary: Suburban Computer Services "Idaho Payroll Withholding, effective July 1, 2025" (every value, whole
 *    dollars, supplemental 5.3%) and PolicyEngine-US agree: its Idaho rate is 5.3% from 2025 (citing H.B. 40 and the
 *    2025 EIN00046 instructions), and the table's other values re-derive from the sources it cites — the zero bands
 *    are the 2025 federal standard deductions (Rev. Proc. 2024-40, as in tables/federal-withholding-2025.ts) and
 *    $3,868 = the $205 Idaho child tax credit (I.C. §63-3029L) ÷ 5.3%, rounded to the dollar. Confidence MED (the
 *    EPB00006 PDF not opened here; no official worked example).
 *  - Pay dates from July 1, 2026 are NOT covered (the Commission revises the tables each July; the 2026 revision,
 *    after the 2026 federal standard deduction change, is not transcribed) → MISSING_TAX_TABLE; pay dates before
 *    July 1, 2025 (the 5.695% tables) likewise.
 */
import { pct, usd, type Rate } from "../money";

export type IdTable = "SINGLE" | "MARRIED";

export interface IdWithholdingEdition {
  /** First and last pay dates (inclusive, YYYY-MM-DD) this edition is applied to. */
  readonly from: string;
  readonly through: string;
  readonly citation: string;
  readonly rate: Rate;
  readonly rateText: string;
  /** Annual wages withheld at 0% by table, cents. */
  readonly zeroBand: Readonly<Record<IdTable, bigint>>;
  /** Annual amount per ID W-4 allowance, cents. */
  readonly perAllowance: bigint;
}

export const ID_WITHHOLDING: readonly IdWithholdingEdition[] = [
  {
    from: "2025-07-01",
    through: "2026-06-30",
    citation:
      "Idaho EPB00006 withholding tables eff. July 1, 2025 (H.B. 40): 5.3% over $15,000 / $30,000, $3,868 per " + "allowance (secondary: Suburban Computer, PolicyEngine-US agree)",
    rate: pct("5.3"),
    rateText: "5.3%",
    zeroBand: { SINGLE: usd("15000"), MARRIED: usd("30000") },
    perAllowance: usd("3868"),
  },
];

export function idEditionFor(payDate: string): IdWithholdingEdition | undefined {
  return ID_WITHHOLDING.find((e) => e.from <= payDate && payDate <= e.through);
}
