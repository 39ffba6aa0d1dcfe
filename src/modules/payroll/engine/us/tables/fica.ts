/**
 * FICA (Social Security / OASDI and Medicare / HI) and the Additional Medicare Tax.
 *  - Rates: IRC §3101 / §3111, as stated in IRS Publication 15 (2026), section 9 "Social security and Medicare
 *    taxes": Social Security 6.2% employee + 6.2% employer; Medicare 1.45% employee + 1.45% employer, no wage
 *    limit; Additional Medicare Tax 0.9% employee only, withheld on wages an employer pays an employee in excess of
 *    $200,000 in a calendar year, from the pay period in which the wages cross $200,000, regardless of filing
 *    status, with no employer share. Same in Pub 15 (2025).
 *  - Social Security wage base (contribution and benefit base): $184,500 for 2026, $176,100 for 2025 (SSA annual
 *    announcements; also quoted by WA ESD for its Paid Leave cap).
 * Confidence HIGH (reference §1).
 */
import { pct, usd, type Rate } from "../money";

export interface FicaEdition {
  readonly taxYear: number;
  /** Rates: IRS Pub 15 section 9. */
  readonly citation: string;
  /** Social Security wage base: SSA. */
  readonly wageBaseCitation: string;
  readonly socialSecurityEmployee: Rate;
  readonly socialSecurityEmployer: Rate;
  /** Per employer, per calendar year, cents. */
  readonly socialSecurityWageBase: bigint;
  readonly medicareEmployee: Rate;
  readonly medicareEmployer: Rate;
  readonly additionalMedicareEmployee: Rate;
  /** Per employer, per calendar year, cents. */
  readonly additionalMedicareThreshold: bigint;
}

export const FICA: Readonly<Record<number, FicaEdition>> = {
  2025: {
    taxYear: 2025,
    citation: "IRS Pub 15 (2025) section 9",
    wageBaseCitation: "SSA 2025 contribution and benefit base",
    socialSecurityEmployee: pct("6.2"),
    socialSecurityEmployer: pct("6.2"),
    socialSecurityWageBase: usd("176100"),
    medicareEmployee: pct("1.45"),
    medicareEmployer: pct("1.45"),
    additionalMedicareEmployee: pct("0.9"),
    additionalMedicareThreshold: usd("200000"),
  },
  2026: {
    taxYear: 2026,
    citation: "IRS Pub 15 (2026) section 9",
    wageBaseCitation: "SSA 2026 contribution and benefit base",
    socialSecurityEmployee: pct("6.2"),
    socialSecurityEmployer: pct("6.2"),
    socialSecurityWageBase: usd("184500"),
    medicareEmployee: pct("1.45"),
    medicareEmployer: pct("1.45"),
    additionalMedicareEmployee: pct("0.9"),
    additionalMedicareThreshold: usd("200000"),
  },
};
