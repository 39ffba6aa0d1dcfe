/**
 * An annual "over … plus … % of the excess" schedule as state withholding formulas print it, evaluated exactly:
 * the result is a rational (numerator / denominator cents) so that the one rounding the state prescribes (to the
 * cent or to the dollar, on the annual or the period amount) is done once, by the caller.
 */
import type { Rate } from "../money";

export interface BracketRow {
  /** Annual amount (cents) the row starts above. */
  readonly over: bigint;
  /** Tax on `over`, cents, as printed. */
  readonly plus: bigint;
  readonly rate: Rate;
}

export interface ExactAmount {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** The last row whose `over` is strictly below the amount (the first row when none is). */
export function rowFor(rows: readonly BracketRow[], annual: bigint): BracketRow {
  let found = rows[0];
  for (const row of rows) if (annual > row.over) found = row;
  return found;
}

/** plus + rate × (annual − over), exact, in cents. Amounts at or below the first row's `over` owe that row's plus. */
export function scheduleTax(rows: readonly BracketRow[], annual: bigint): ExactAmount {
  const row = rowFor(rows, annual);
  const excess = annual > row.over ? annual - row.over : 0n;
  return { numerator: row.plus * row.rate.denominator + excess * row.rate.numerator, denominator: row.rate.denominator };
}
