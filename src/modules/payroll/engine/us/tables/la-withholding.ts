/**
 * Louisiana income tax withholding — LDR R-1306 "Louisiana Withholding Tables and Formulas", the edition adopted by
 * emergency rule for wages paid on or after January 1, 2025 (Revenue Bulletin 25-008, Dec. 23, 2024), implementing
 * Act 11 of the 2024 3rd Extraordinary Session (H.B. 10): the 3% flat tax of R.S. 47:32 and the standard deduction of
 * R.S. 47:294 ($12,500 single / married-separate; 200% of it for married-joint, qualifying surviving spouse and head
 * of household). Personal exemptions and dependency credits are gone from the formula. Computer formula:
 *   W = (S − standard deduction ÷ N) × 3.09%   (S: wages of the period, N: pay periods; no deduction when the
 *   employee's L-4 claims none), floor 0.
 * The withholding rate is 3.09%, not the 3% return rate (LDR builds a margin into the withholding formula).
 *  - 2025: secondary: USDA NFC bulletin NFC-25-1740487316 (Feb. 26, 2025: "$12,500 / $25,000", "flat tax rate of
 *    3.09%", blank status defaults to Single) and realtaxtools "2025 Louisiana Withholding Tax Tables" (the three
 *    formulas with three worked examples) agree; Paylocity (Dec. 31, 2024) and EY Tax News 2024-2322 agree on the
 *    deductions and on the option to claim no standard deduction. Confidence MED (the R-1306 PDF not opened here).
 *  - 2026: NOT transcribed. R.S. 47:294(B) indexes the deduction to CPI-U from 2026 (PolicyEngine-US carries
 *    $12,835 / $25,670 citing the Louisiana Register of Feb. 20, 2026), but no second source for the 2026 amounts or
 *    for the 2026 withholding rate was found → MISSING_TAX_TABLE.
 */
import { pct, usd, type Rate } from "../money";

export type LaL4Status = "SINGLE_OR_MARRIED_SEPARATE" | "MARRIED_JOINT_SURVIVING_SPOUSE_OR_HEAD_OF_HOUSEHOLD";

export interface LaWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  readonly rateText: string;
  /** Annual standard deduction by L-4 status, cents. */
  readonly standardDeduction: Readonly<Record<LaL4Status, bigint>>;
}

export const LA_WITHHOLDING: Readonly<Record<number, LaWithholdingEdition>> = {
  2025: {
    taxYear: 2025,
    citation:
      "LDR R-1306 Louisiana Withholding Tables and Formulas, eff. Jan. 1, 2025 (Rev. Bull. 25-008; Act 11 of 2024): " +
      "3.09% after $12,500 / $25,000 (secondary: USDA NFC NFC-25-1740487316, realtaxtools agree)",
    rate: pct("3.09"),
    rateText: "3.09%",
    standardDeduction: {
      SINGLE_OR_MARRIED_SEPARATE: usd("12500"),
      MARRIED_JOINT_SURVIVING_SPOUSE_OR_HEAD_OF_HOUSEHOLD: usd("25000"),
    },
  },
};
