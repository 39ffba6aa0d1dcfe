/**
 * Federal income tax withholding on supplemental wages — IRS Publication 15 (2026) (Circular E), section 7
 * "Supplemental Wages" (same rules in Pub 15 (2025)):
 *  - Mandatory flat rate: supplemental wages paid to an employee during the calendar year that exceed $1,000,000
 *    are withheld at 37% (the highest rate of §1), whatever the employee's Form W-4 says.
 *  - Optional flat rate: supplemental wages up to that $1,000,000, identified separately from regular wages,
 *    may be withheld at 22% (the rate we apply: our input always identifies them separately).
 * Confidence HIGH (reference §1, S3 pinned Pub 15 2026; unchanged since 2018).
 */
import { pct, usd, type Rate } from "../money";

export interface FederalSupplementalEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly optionalFlatRate: Rate;
  readonly mandatoryRate: Rate;
  /** Calendar-year supplemental wages above this are withheld at the mandatory rate, cents. */
  readonly mandatoryThreshold: bigint;
}

const edition = (taxYear: number): FederalSupplementalEdition => ({
  taxYear,
  citation: `IRS Pub 15 (${taxYear}), section 7 Supplemental Wages`,
  optionalFlatRate: pct("22"),
  mandatoryRate: pct("37"),
  mandatoryThreshold: usd("1000000"),
});

export const FEDERAL_SUPPLEMENTAL: Readonly<Record<number, FederalSupplementalEdition>> = {
  2025: edition(2025),
  2026: edition(2026),
};
