/**
 * Utah income tax withholding — Utah State Tax Commission Publication 14, "Withholding Tax Guide", the revision whose
 * tables apply to pay periods beginning on or after June 1, 2025 (H.B. 106 of 2025: rate 4.55% → 4.5%, retroactive
 * to Jan. 1, 2025). Annual formula, by the federal W-4 filing status (Utah has no state certificate):
 *   tax = wages × rate − max(0, base allowance − 1.3% × max(0, wages − threshold)), floor 0;
 *   per period = tax ÷ periods, rounded to the nearest dollar.
 *   Single (single, married filing separately, head of household): base $450, threshold $9,107.
 *   Married (married filing jointly): base $900, threshold $18,213.
 * Secondary: Suburban Computer Services "Utah Payroll Withholding, effective June 1, 2025" (every value, whole-dollar
 * rounding) and the Dayforce withholding notice 2025-09 (recorded by this README's earlier search) agree; EY Tax News
 * 2025-0958 (Apr. 28, 2025) confirms the 4.5% rate and the June 1, 2025 effective date. Confidence MED (the Pub 14
 * PDF not opened here).
 * Pay dates from June 1, 2026 are NOT covered: S.B. 60 (2026) lowers the 2026 rate to 4.45% (PolicyEngine-US, citing
 * the enrolled bill) and the Tax Commission revises Pub 14 for pay periods from June 1 after such a change (2023,
 * 2024, 2025 revisions); that revision is not transcribed → MISSING_TAX_TABLE. Pay dates before June 1, 2025 (the
 * 4.55% revision of June 1, 2024) are likewise not transcribed (one source only).
 */
import { pct, usd, type Rate } from "../money";

export type UtSchedule = "SINGLE" | "MARRIED";

export interface UtWithholdingEdition {
  /** First and last pay dates (inclusive, YYYY-MM-DD) this edition is applied to. */
  readonly from: string;
  readonly through: string;
  readonly citation: string;
  readonly rate: Rate;
  readonly rateText: string;
  readonly phaseOutRate: Rate;
  readonly baseAllowance: Readonly<Record<UtSchedule, bigint>>;
  readonly threshold: Readonly<Record<UtSchedule, bigint>>;
}

export const UT_WITHHOLDING: readonly UtWithholdingEdition[] = [
  {
    from: "2025-06-01",
    through: "2026-05-31",
    citation:
      "Utah Pub 14 Withholding Tax Guide, rev. for pay periods from June 1, 2025 (H.B. 106): 4.5%, base $450 / $900, " +
      "phase-out 1.3% over $9,107 / $18,213 (secondary: Suburban Computer, Dayforce 2025-09 agree)",
    rate: pct("4.5"),
    rateText: "4.5%",
    phaseOutRate: pct("1.3"),
    baseAllowance: { SINGLE: usd("450"), MARRIED: usd("900") },
    threshold: { SINGLE: usd("9107"), MARRIED: usd("18213") },
  },
];

export function utEditionFor(payDate: string): UtWithholdingEdition | undefined {
  return UT_WITHHOLDING.find((e) => e.from <= payDate && payDate <= e.through);
}
