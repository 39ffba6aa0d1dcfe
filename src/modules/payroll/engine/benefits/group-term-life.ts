/**
 * US group-term life insurance over $50,000: the imputed cost (IRC §79; Treas. Reg. §1.79-3(d)(2) Table I),
 * IRS Pub 15-B (2026) §2 "Group-Term Life Insurance Coverage", Table 2-2 "Cost Per $1,000 of Protection for 1 Month".
 * The age is the employee's age on the last day of the tax year. The rates have been unchanged since 1 July 1999.
 *
 * Per pay period: (coverage − $50,000) ÷ $1,000 × monthly rate × 12 ÷ periods per year, less the employee's
 * after-tax contributions of the period toward the insurance (Pub 15-B: "subtract the amount the employee paid"),
 * floor 0, one exact product rounded half-up to the cent.
 * Subject to Social Security and Medicare (Pub 15-B Table 2-1); not to FUTA; federal income tax withholding is not
 * required ("you are not required to withhold federal income tax") and this engine does not withhold it: it is
 * reported in W-2 boxes 1, 3, 5 and 12 (code C) by the W-2 process. The computed states withhold no income tax
 * on it either (a choice, like the federal one; PA does not tax it at all: employer payments for employee benefit
 * programs covering death are not compensation, 72 P.S. §7301(d)(vi), as quoted by Reed Smith's 1997 client alert).
 */
import { divideHalfUp, max0 } from "../us/money";

export const GTL_EXCLUSION_CENTS = 50_000_00n;

/** Table I: [lowest age of the bracket, cents per $1,000 per month]. */
export const TABLE_I: readonly (readonly [number, bigint])[] = [
  [0, 5n],
  [25, 6n],
  [30, 8n],
  [35, 9n],
  [40, 10n],
  [45, 15n],
  [50, 23n],
  [55, 43n],
  [60, 66n],
  [65, 127n],
  [70, 206n],
];

export const TABLE_I_CITATION = "IRS Pub 15-B (2026) Table 2-2 (Treas. Reg. §1.79-3(d)(2) Table I)";

/** The bracket for an age; no age → the highest (70 and older), so Social Security and Medicare are never under-withheld. */
export function tableIRate(age: number | undefined): { rate: bigint; bracket: string } {
  if (age === undefined) return { rate: TABLE_I[TABLE_I.length - 1][1], bracket: "no age given: 70 and older rate applied" };
  let found = TABLE_I[0];
  for (const row of TABLE_I) if (age >= row[0]) found = row;
  const index = TABLE_I.indexOf(found);
  const next = TABLE_I[index + 1];
  const bracket = index === 0 ? "under 25" : next ? `${found[0]}–${next[0] - 1}` : `${found[0]} and older`;
  return { rate: found[1], bracket: `age ${bracket}` };
}

/** Imputed cost for one period, cents, before the employee's contributions are subtracted. */
export function gtlPeriodCost(coverageCents: bigint, ratePerThousandCents: bigint, periodsPerYear: bigint): bigint {
  const excess = max0(coverageCents - GTL_EXCLUSION_CENTS);
  // excess/100 dollars ÷ 1000 × rate cents × 12 months ÷ P: one exact fraction.
  return divideHalfUp(excess * ratePerThousandCents * 12n, 1_000_00n * periodsPerYear);
}
