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

/**
 * FUTA credit reduction (FUTA §3302(c)(2); Form 940 Schedule A): in a state with an outstanding federal unemployment
 * loan on 1 January of two consecutive years and not repaid by 10 November of the second, employers lose part of the
 * 5.4% credit: an extra rate on the same $7,000 FUTA wages paid in that state. The Department of Labor announces the
 * final list for a year after 10 November of that year, and the extra tax is reported on Schedule A of that year's
 * Form 940 and paid by its due date (31 January of the next year) — so it is NOT a per-paycheck amount: the run keeps
 * charging the net 0.6% (`US_FUTA_ER`) and the annual filing adds `futaCreditReduction(state, year)` × the year's
 * FUTA wages of the state.
 *
 *  - 2025: California 1.2%, U.S. Virgin Islands 4.5%; Connecticut and New York are on the final list at 0.0% (they
 *    repaid by 10 Nov 2025). DOL, "Final 2025 Federal Unemployment Tax Act (FUTA) Credit Reductions", rev. 10 Nov
 *    2025; secondary: PayrollOrg "California, Virgin Islands Face FUTA Credit Reduction for 2025", Paylocity (26 Nov
 *    2025), CBIZ (2 Dec 2025) agree. Every other state: 0.
 *  - 2026: NOT DETERMINED. The DOL's final 2026 list comes after 10 Nov 2026 (potential list of Jan 2026 not read
 *    here); reference §1 notes a projected California rate, which is not final. `futaCreditReduction(state, 2026)`
 *    returns null: the year-end filing must not assume a figure.
 */
export interface FutaCreditReductionYear {
  readonly taxYear: number;
  readonly citation: string;
  /** Reduction per state or territory (USPS code), as a rate; a state not listed has none. */
  readonly reductions: Readonly<Record<string, Rate>>;
}

export const FUTA_CREDIT_REDUCTIONS: Readonly<Record<number, FutaCreditReductionYear>> = {
  2025: {
    taxYear: 2025,
    citation: "DOL, Final 2025 FUTA Credit Reductions (rev. 10 Nov 2025); Form 940 Schedule A (2025)",
    reductions: { CA: pct("1.2"), VI: pct("4.5"), CT: pct("0"), NY: pct("0") },
  },
};

/**
 * The additional FUTA rate of a state (USPS code, `VI` for the U.S. Virgin Islands) for a year: the reduction (0 for a
 * state not on the final list), or null when the year's list is not determined or not loaded (2026 until the DOL
 * announces it after 10 November 2026). For Form 940 Schedule A: additional tax = FUTA wages paid in the state × rate.
 */
export function futaCreditReduction(state: string, taxYear: number): Rate | null {
  const year = FUTA_CREDIT_REDUCTIONS[taxYear];
  if (!year) return null;
  return year.reductions[state] ?? pct("0");
}
