/**
 * Alaska unemployment insurance EMPLOYEE contribution (AS 23.20.290), withheld by the employer.
 *  - 2025: 0.50% of wages up to the $51,700 taxable wage base — Alaska DOLWD, "Alaska Unemployment Insurance Tax
 *    Rates For Experienced Employers, 2025" (labor.alaska.gov/estax/2025-experience-rates.html). Confidence HIGH.
 *  - 2026: NOT SOURCED. The employee rate is reset every year (0.56% in 2022, 0.50% in 2024 and 2025) and the wage
 *    base is indexed; we found no 2026 notice. A 2026 Alaska pay date is therefore a MISSING_TAX_TABLE blocker,
 *    never a silent zero.
 */
import { pct, usd, type Rate } from "../money";

export interface AkUnemploymentEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly employeeRate: Rate;
  readonly wageBase: bigint;
}

export const AK_UNEMPLOYMENT: Readonly<Record<number, AkUnemploymentEdition>> = {
  2025: {
    taxYear: 2025,
    citation: "Alaska DOLWD UI tax rates 2025: employee 0.50%, wage base $51,700",
    employeeRate: pct("0.5"),
    wageBase: usd("51700"),
  },
};
