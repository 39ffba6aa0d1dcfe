import type { W4Elections } from "../../types";
import type { Rate } from "../money";

export type W4FilingStatus = W4Elections["filingStatus"];

/**
 * One row of a Pub 15-T "Annual Percentage Method" table (Worksheet 1A, Step 2): for an adjusted annual wage
 * amount with `atLeast` ≤ amount < next row's `atLeast`, tentative withholding = `tentative` + `percent` × (amount −
 * `atLeast`). Column letters in the publication: A = atLeast, B = next row's A, C = tentative, D = percent.
 */
export interface AnnualPercentageRow {
  /** Column A, annual, cents. */
  readonly atLeast: bigint;
  /** Column C, annual, cents. */
  readonly tentative: bigint;
  /** Column D. */
  readonly percent: Rate;
}

export interface FederalWithholdingEdition {
  readonly taxYear: number;
  /** Human citation, repeated in tests and descriptions. */
  readonly citation: string;
  /** STANDARD schedule (W-4 Step 2 box not checked). */
  readonly standard: Readonly<Record<W4FilingStatus, readonly AnnualPercentageRow[]>>;
  /** STEP-2-CHECKBOX schedule (W-4 Step 2 box checked). */
  readonly checkbox: Readonly<Record<W4FilingStatus, readonly AnnualPercentageRow[]>>;
  /** Worksheet 1A line 1g when the Step 2 box is NOT checked (0 when checked), annual, cents. */
  readonly line1g: Readonly<Record<W4FilingStatus, bigint>>;
}
