/**
 * Michigan income tax withholding, 2026 — Michigan Department of Treasury Form 446 "Michigan Income Tax Withholding
 * Guide" (Rev. 02-26): 4.25% of compensation after the personal and dependent exemption allowance of $5,900 a year
 * per exemption claimed on the MI-W4 (line 6), prorated to the pay period.
 *
 * Confidence MED, SECONDARY: Form 446 could not be opened here; two independent public transcriptions give 4.25% and
 * $5,900 for 2026 (one of them from the Form 446 (Rev. 02-26) masthead). The guide prints no dollar worked example.
 * (The shared payroll reference lists Michigan 2026 as not obtained.) 2025 is not transcribed: MISSING_TAX_TABLE.
 */
import { pct, usd, type Rate } from "../money";

export interface MiWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  /** Annual exemption allowance per MI-W4 exemption, cents. */
  readonly exemption: bigint;
}

export const MI_WITHHOLDING: Readonly<Record<number, MiWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation: "Michigan Treasury Form 446 (Rev. 02-26): 4.25%, $5,900 per exemption (secondary: two transcriptions agree)",
    rate: pct("4.25"),
    exemption: usd("5900"),
  },
};
