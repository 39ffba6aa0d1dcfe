/**
 * Georgia income tax withholding, 2026 — Georgia Department of Revenue "Employer's Withholding Tax Guide 2026",
 * percentage method (Table E): wages − standard deduction − dependent allowances × allowance value, × the rate. The
 * per-period amounts are the annual amounts ÷ periods rounded to the cent, as Table E prints them.
 *
 * Two editions in 2026, chosen by pay date:
 *  - REVISED December 2025 (pp. 46–47): 5.19%; standard deduction $24,000 married filing joint with one spouse
 *    working, $12,000 otherwise; dependent allowance $4,000. Its worked example: semimonthly $1,470.83, married one
 *    income, 1 dependent → $15.79.
 *  - REVISED June 2026 (pp. 48–49), House Bill 463: 4.99%; $30,000 / $15,000; dependent $5,000. Examples #1
 *    (semimonthly $2,000, married one income, 1 dependent → $27.03) and #2 (head of household biweekly $935,
 *    2 dependents → $0). The Department: employers "must continue to withhold at the rate of 5.19% before the
 *    effective date of the change and can begin withholding at the new rate of 4.99%, starting May 11, 2026" — the
 *    engine switches on May 11, 2026 (pay date).
 *
 * Confidence: June 2026 parameters MED-HIGH (secondary: a transcription of the guide and a federal payroll
 * provider's 2026 bulletin agree); December 2025 parameters MED (one transcription of the guide, consistent with the
 * 2024–2025 law: 5.19% for 2025, $12,000 / $24,000 since 2024, $4,000 dependent since 2024); the May 11, 2026 switch
 * date MED-LOW (one transcription quoting the Department; using 5.19% longer is also permitted by that quote).
 * 2025 is not transcribed (MISSING_TAX_TABLE).
 */
import { pct, usd, type Rate } from "../money";

export type GaDeductionColumn = "MARRIED_JOINT_ONE_INCOME" | "OTHER";

export interface GaEdition {
  /** First pay date (inclusive) of this edition, YYYY-MM-DD. */
  readonly from: string;
  readonly citation: string;
  readonly rate: Rate;
  /** Annual standard deduction by Table E column, cents. */
  readonly standardDeduction: Readonly<Record<GaDeductionColumn, bigint>>;
  /** Annual dependent allowance, cents. */
  readonly dependentAllowance: bigint;
}

/** Editions of a tax year, oldest first. */
export const GA_WITHHOLDING: Readonly<Record<number, readonly GaEdition[]>> = {
  2026: [
    {
      from: "2026-01-01",
      citation: "GA DOR Employer's Withholding Tax Guide 2026 (revised December 2025) Table E, 5.19% (secondary)",
      rate: pct("5.19"),
      standardDeduction: { MARRIED_JOINT_ONE_INCOME: usd("24000"), OTHER: usd("12000") },
      dependentAllowance: usd("4000"),
    },
    {
      from: "2026-05-11",
      citation: "GA DOR Employer's Withholding Tax Guide 2026 (revised June 2026, HB 463) Table E, 4.99% (secondary: two transcriptions agree)",
      rate: pct("4.99"),
      standardDeduction: { MARRIED_JOINT_ONE_INCOME: usd("30000"), OTHER: usd("15000") },
      dependentAllowance: usd("5000"),
    },
  ],
};
