/**
 * California PIT withholding on supplemental wages paid as a flat rate "in lieu of the wage withholding tables":
 * Revenue and Taxation Code §18663(b) — 6.6% for supplemental wages in general, 10.23% for bonuses and stock
 * options; restated in the California Employer's Guide DE 44 (2026), "Supplemental Wages". The contract's
 * `supplemental` is a bonus, so the bonus rate applies. Same rates for 2025.
 * Confidence MED-HIGH (statute + reference §3 S4; the DE 44 page itself was not opened by us).
 */
import { pct, type Rate } from "../money";

export interface CaSupplementalEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly bonusesAndStockOptions: Rate;
  readonly otherSupplemental: Rate;
}

export const CA_SUPPLEMENTAL: Readonly<Record<number, CaSupplementalEdition>> = {
  2026: {
    taxYear: 2026,
    citation: "R&TC §18663(b); EDD DE 44 (2026), Supplemental Wages",
    bonusesAndStockOptions: pct("10.23"),
    otherSupplemental: pct("6.6"),
  },
};
