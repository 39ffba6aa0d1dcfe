/**
 * Rhode Island income tax withholding — RI Division of Taxation "Rhode Island Withholding Tables / Percentage
 * Method" (2025 and 2026 editions): annual wages − RI W-4 allowances × $1,000 (no allowance when annual wages exceed
 * the year's ceiling) = annual taxable wages; 3.75% / 4.75% / 5.99% schedule (one schedule for every status);
 * ÷ pay periods. Supplemental wages: 5.99% flat.
 * The official withholding tables could not be opened here. Secondary, agreeing:
 *  - Suburban Computer Services "Rhode Island Payroll Withholding", effective January 1, 2026: 3.75% from $0,
 *    4.75% over $82,050 (+$3,076.88), 5.99% over $186,450 (+$8,035.88); allowance $1,000 on annual wages up to
 *    $290,800; supplemental 5.99%. Effective January 1, 2025: $79,900 (+$2,996.25), $181,650 (+$7,829.38); up to
 *    $283,250.
 *  - PolicyEngine-US parameters gov/states/ri/tax/income/rate (RI Division of Taxation ADV 2025-22 p. 2 for 2026,
 *    2025 RI-1040 instructions p. 13): 3.75% / 4.75% / 5.99% with breaks $79,900 / $181,650 (2025) and $82,050 /
 *    $186,450 (2026) — the same schedule; every plus amount re-derives from the rates (tests).
 *  - The $290,800 / $283,250 allowance ceilings are from the one secondary source only.
 *  - Rounding: not prescribed by the sources read; half-up to the cent.
 * Confidence MED (schedule), LOW-MED (allowance ceiling).
 */
import { pct, usd, type Rate } from "../money";
import type { BracketRow } from "./bracket-schedule";

export interface RiWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  /** Per RI W-4 allowance, annual, cents. */
  readonly allowance: bigint;
  /** No allowance is subtracted when annual wages exceed this, cents. */
  readonly allowanceCeiling: bigint;
  readonly schedule: readonly BracketRow[];
  readonly supplementalRate: Rate;
}

const row = (over: string, plus: string, rate: string): BracketRow => ({ over: usd(over), plus: usd(plus), rate: pct(rate) });
const secondary = "secondary: Suburban Computer Services tables, PolicyEngine-US RI brackets (ADV 2025-22, RI-1040 instructions) agree";

export const RI_WITHHOLDING: Readonly<Record<number, RiWithholdingEdition>> = {
  2025: {
    taxYear: 2025,
    citation: `RI Division of Taxation withholding percentage method 2025 (${secondary})`,
    allowance: usd("1000"),
    allowanceCeiling: usd("283250"),
    schedule: [row("0", "0", "3.75"), row("79900", "2996.25", "4.75"), row("181650", "7829.38", "5.99")],
    supplementalRate: pct("5.99"),
  },
  2026: {
    taxYear: 2026,
    citation: `RI Division of Taxation withholding percentage method 2026 (${secondary})`,
    allowance: usd("1000"),
    allowanceCeiling: usd("290800"),
    schedule: [row("0", "0", "3.75"), row("82050", "3076.88", "4.75"), row("186450", "8035.88", "5.99")],
    supplementalRate: pct("5.99"),
  },
};
