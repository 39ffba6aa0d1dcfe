/**
 * Iowa income tax withholding — Iowa Department of Revenue "Iowa Withholding Tax Formula" (the annual percentage
 * formula published with the IA W-4; flat rate of S.F. 2442 (2024) from Jan. 1, 2025):
 *   annual taxable = period wages × periods − standard deduction (IA W-4 filing status), floor 0;
 *   annual tax = taxable × rate − the IA W-4 total allowances (an annual credit amount), floor 0; ÷ periods.
 *  - 2025: 3.8%; standard deduction $12,000 single / $18,050 head of household / $24,050 married; $40 per allowance
 *    on a pre-2024 IA W-4. Secondary: Suburban Computer Services "Iowa Payroll Withholding, effective January 1, 2025"
 *    (rate, $40, the three deductions) and TKT Enterprises' Iowa notes (the three deductions) agree.
 *    The allowance as an annual dollar credit divided by the pay periods:
 *    Tyler Technologies knowledge base "How to Define Employee Deductions and Iowa State Tax Tables" (2024/2025 IA
 *    W-4). Confidence MED (the IDR formula PDF not opened here; no official worked example).
 *  - 2026: NOT transcribed. One source (TKT Enterprises) gives $13,000 / $19,500 / $26,000; no second source was
 *    found → MISSING_TAX_TABLE.
 */
import { pct, usd, type Rate } from "../money";

export type IaW4Status = "SINGLE" | "HEAD_OF_HOUSEHOLD" | "MARRIED";

export interface IaWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  readonly rateText: string;
  /** Annual standard deduction by IA W-4 filing status, cents. */
  readonly standardDeduction: Readonly<Record<IaW4Status, bigint>>;
  /** Annual credit per allowance counted on a pre-2024 IA W-4, cents. */
  readonly perAllowance: bigint;
}

export const IA_WITHHOLDING: Readonly<Record<number, IaWithholdingEdition>> = {
  2025: {
    taxYear: 2025,
    citation:
      "IDR Iowa Withholding Tax Formula 2025 (S.F. 2442): 3.8% after $12,000 / $18,050 / $24,050, less the IA W-4 " +
      "allowances (secondary: Suburban Computer, TKT Enterprises agree)",
    rate: pct("3.8"),
    rateText: "3.8%",
    standardDeduction: { SINGLE: usd("12000"), HEAD_OF_HOUSEHOLD: usd("18050"), MARRIED: usd("24050") },
    perAllowance: usd("40"),
  },
};
