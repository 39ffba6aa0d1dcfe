/**
 * New Jersey Gross Income Tax withholding, 2026 — NJ Division of Taxation NJ-WT "New Jersey Income Tax Withholding
 * Instructions" (September 2025 revision, in force for 2026) and its "Withholding Rate Tables — Percentage Method"
 * (Rate A and Rate B, per payroll period): (wages − NJ-W4 allowances × allowance value) in the line "over … but not
 * over …": base + rate × (amount over). Allowance value per period: weekly $19.20, biweekly $38.40, semimonthly
 * $41.60, monthly $83.30 ($1,000 a year). NJ-WT p. 25 prints worked examples for Rates A and B.
 *
 * Confidence MED-HIGH for Rates A and B, SECONDARY: the PDFs could not be opened here; two independent public
 * transcriptions of the percentage-method tables agree on every line of A and B at the four frequencies and on the
 * allowance values (a third agrees on the weekly tables; one transcription changed weekly Rate A's $769 base to
 * $15.28 to match an example computed on superseded brackets, while stating the table prints $15.29 — $15.29 is
 * used, as printed). Rates C, D and E (NJ-W4 line 3 wage-chart letters) are found per period in no source and
 * annually in only one: they are a MISSING_TAX_TABLE blocker. 2025 is not transcribed (MISSING_TAX_TABLE).
 */
import type { PayFrequency } from "../../types";
import { pct, usd, type Rate } from "../money";

export type NjRateTable = "A" | "B";

/** One line: amount over `over` (and not over the next line's `over`) → base + rate × (amount − over). */
export interface NjRow {
  readonly over: bigint;
  readonly base: bigint;
  readonly rate: Rate;
}

export interface NjWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  /** Value of one NJ-W4 allowance per pay period, cents. */
  readonly allowance: Readonly<Record<PayFrequency, bigint>>;
  readonly tables: Readonly<Record<NjRateTable, Readonly<Record<PayFrequency, readonly NjRow[]>>>>;
}

const rows = (lines: readonly (readonly [string, string, string])[]): NjRow[] => lines.map(([over, base, rate]) => ({ over: usd(over), base: usd(base), rate: pct(rate) }));

export const NJ_WITHHOLDING: Readonly<Record<number, NjWithholdingEdition>> = {
  2026: {
    taxYear: 2026,
    citation: "NJ-WT (September 2025) percentage-method Rate Tables A/B (secondary: two transcriptions agree)",
    allowance: { WEEKLY: usd("19.20"), BIWEEKLY: usd("38.40"), SEMIMONTHLY: usd("41.60"), MONTHLY: usd("83.30") },
    tables: {
      A: {
        WEEKLY: rows([
          ["0", "0", "1.5"],
          ["385", "5.77", "2.0"],
          ["673", "11.54", "3.9"],
          ["769", "15.29", "6.1"],
          ["1442", "56.35", "7.0"],
          ["9615", "628.46", "9.9"],
          ["19231", "1580.38", "11.8"],
        ]),
        BIWEEKLY: rows([
          ["0", "0", "1.5"],
          ["769", "12", "2.0"],
          ["1346", "23", "3.9"],
          ["1538", "31", "6.1"],
          ["2885", "113", "7.0"],
          ["19231", "1257", "9.9"],
          ["38462", "3161", "11.8"],
        ]),
        SEMIMONTHLY: rows([
          ["0", "0", "1.5"],
          ["833", "13", "2.0"],
          ["1458", "25", "3.9"],
          ["1667", "33", "6.1"],
          ["3125", "122", "7.0"],
          ["20833", "1362", "9.9"],
          ["41667", "3424", "11.8"],
        ]),
        MONTHLY: rows([
          ["0", "0", "1.5"],
          ["1667", "25", "2.0"],
          ["2917", "50", "3.9"],
          ["3333", "66", "6.1"],
          ["6250", "244", "7.0"],
          ["41667", "2723", "9.9"],
          ["83333", "6848", "11.8"],
        ]),
      },
      B: {
        WEEKLY: rows([
          ["0", "0", "1.5"],
          ["385", "5.77", "2.0"],
          ["962", "17.31", "2.7"],
          ["1346", "27.69", "3.9"],
          ["1538", "35.19", "6.1"],
          ["2885", "117.31", "7.0"],
          ["9615", "588.46", "9.9"],
          ["19231", "1540.38", "11.8"],
        ]),
        BIWEEKLY: rows([
          ["0", "0", "1.5"],
          ["769", "12", "2.0"],
          ["1923", "35", "2.7"],
          ["2692", "55", "3.9"],
          ["3077", "70", "6.1"],
          ["5769", "235", "7.0"],
          ["19231", "1177", "9.9"],
          ["38462", "3081", "11.8"],
        ]),
        SEMIMONTHLY: rows([
          ["0", "0", "1.5"],
          ["833", "12.50", "2.0"],
          ["2083", "37.50", "2.7"],
          ["2917", "59.99", "3.9"],
          ["3333", "76.25", "6.1"],
          ["6250", "254.19", "7.0"],
          ["20833", "1275", "9.9"],
          ["41667", "3338", "11.8"],
        ]),
        MONTHLY: rows([
          ["0", "0", "1.5"],
          ["1667", "25", "2.0"],
          ["4167", "75", "2.7"],
          ["5833", "120", "3.9"],
          ["6667", "153", "6.1"],
          ["12500", "508", "7.0"],
          ["41667", "2550", "9.9"],
          ["83333", "6675", "11.8"],
        ]),
      },
    },
  },
};
