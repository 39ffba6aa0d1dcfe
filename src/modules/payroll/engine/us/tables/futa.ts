/**
 * FUTA (Federal Unemployment Tax Act), employer only — IRC §3301/§3306(b)(1), as stated in IRS Publication 15
 * (2026), section 14 "Federal Unemployment (FUTA) Tax", and Publication 926 (2026): 6.0% on the first $7,000 of
 * wages paid to each employee in the calendar year, less a credit of up to 5.4% for state unemployment tax paid
 * on time → net 0.6% ($42 per employee per year). Same for 2025.
 *
 * Not computed here: the credit reduction of a "credit reduction state" (e.g. California). The Department of Labor
 * publishes that list in November for the year ending; it is an annual Form 940 Schedule A adjustment, not a
 * per-paycheck amount, and it never touches the employee's net pay. Reference §1 rates the 2026 list LOW.
 * Confidence HIGH for the net rate and the base.
 */
import { pct, usd, type Rate } from "../money";

export interface FutaEdition {
  readonly taxYear: number;
  readonly citation: string;
  /** 6.0% less the maximum 5.4% state credit. */
  readonly netRate: Rate;
  /** Per employee, per employer, per calendar year, cents. */
  readonly wageBase: bigint;
}

const edition = (taxYear: number): FutaEdition => ({
  taxYear,
  citation: `IRS Pub 15 (${taxYear}) section 14; Pub 926 (${taxYear})`,
  netRate: pct("0.6"),
  wageBase: usd("7000"),
});

export const FUTA: Readonly<Record<number, FutaEdition>> = { 2025: edition(2025), 2026: edition(2026) };
