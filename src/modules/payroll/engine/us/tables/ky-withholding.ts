/**
 * Kentucky income tax withholding — KY DOR "Kentucky Withholding Tax Formula" (the computer formula published
 * each October with the standard deduction of KRS 141.081 and the flat rate of KRS 141.020):
 *   annual wages (period wages × periods) − standard deduction = annual taxable wages; × flat rate = annual tax;
 *   ÷ periods = the period's withholding. Form K-4 carries no allowances.
 *  - 2026: 3.5%, standard deduction $3,360 (KY DOR 2026 withholding formula, released Oct. 15, 2025).
 *    Secondary: Bloomberg Tax "Kentucky Income Tax Rate to Decrease in 2026" (citing the DOR formula) and
 *    VisaVerge "Kentucky 2026 Income Tax Rates" agree. Confidence MED-HIGH (formula PDF not opened here).
 *  - 2025: 4.0%, standard deduction $3,270 (KY DOR 2025 withholding formula). Secondary: Bloomberg Tax (the 2026
 *    article: "up from $3,270", "decreased from 4%") and a public K-4 2025 summary agree. Confidence MED.
 */
import { pct, usd, type Rate } from "../money";

export interface KyWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  /** The rate as printed, for the line. */
  readonly rateText: string;
  /** Annual standard deduction, cents. */
  readonly standardDeduction: bigint;
}

export const KY_WITHHOLDING: Readonly<Record<number, KyWithholdingEdition>> = {
  2025: {
    taxYear: 2025,
    citation: "KY DOR Kentucky Withholding Tax Formula 2025 (4.0%, standard deduction $3,270; secondary: Bloomberg Tax, K-4 2025 summary agree)",
    rate: pct("4.0"),
    rateText: "4.0%",
    standardDeduction: usd("3270"),
  },
  2026: {
    taxYear: 2026,
    citation: "KY DOR Kentucky Withholding Tax Formula 2026 (3.5%, standard deduction $3,360; secondary: Bloomberg Tax, VisaVerge agree)",
    rate: pct("3.5"),
    rateText: "3.5%",
    standardDeduction: usd("3360"),
  },
};
